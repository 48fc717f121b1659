import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { pricePerMTok } from '../../../shared/money';
import type { ProviderKind } from '../providers/provider-types';
import { catalogLookup } from './catalog-lookup';
import { toUnitPrices } from './catalog-unit-prices';
import type { UnitPrices } from './unit-prices';

export type { ProviderKind } from '../providers/provider-types';
export type { PriceTier, TokenPrices, UnitPrices } from './unit-prices';

export interface CatalogPrice {
  prices: UnitPrices;
  /** Where the prices came from, stored on the ledger row: "genai-prices@0.1.8", or "local". */
  source: string;
  catalogModelId: string;
  providerId: string;
}

/**
 * The version of the bundled catalog. We never call the package's updatePrices, so the data in
 * use is exactly the data of this version, and a ledger row's source names it truthfully.
 */
export const CATALOG_VERSION: string = installedCatalogVersion();

const CATALOG_SOURCE = `genai-prices@${CATALOG_VERSION}`;
const FREE = pricePerMTok(0);

/**
 * The catalog's prices for a model at a moment (`at` picks dated and time-of-day prices), or
 * undefined when the catalog does not know the model: never a made-up zero. A local model is
 * free, with source "local", and is still metered in tokens.
 */
export function findCatalogPrice(
  kind: ProviderKind,
  model: string,
  at: Date,
  baseUrl?: string,
): CatalogPrice | undefined {
  const lookup = catalogLookup(kind, model, baseUrl);
  if (lookup === 'local') {
    return { prices: { input: FREE, output: FREE }, source: 'local', catalogModelId: model, providerId: 'local' };
  }
  for (const query of lookup) {
    // calcPrice is the catalog's only public model matcher (its name rules, date-suffix handling
    // and fallback providers come with it). Its float prices are ignored: with empty usage it only
    // selects the model and the prices in force at `at`, which we convert to integers ourselves.
    const found = calcPrice({}, query.model, { providerId: query.providerId, timestamp: at });
    if (found === null) continue;
    const prices = toUnitPrices(found.model_price, found.model.id);
    if (prices === undefined) return undefined;
    return { prices, source: CATALOG_SOURCE, catalogModelId: found.model.id, providerId: found.provider.id };
  }
  return undefined;
}

/** The package's exports hide its package.json, so it is read beside the resolved entry point. */
function installedCatalogVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : null;
  if (typeof version !== 'string') throw new Error('@pydantic/genai-prices: package.json has no version');
  return version;
}
