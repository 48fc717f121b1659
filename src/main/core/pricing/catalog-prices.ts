import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { calcPrice, type PriceCalculationResult } from '@pydantic/genai-prices';
import { pricePerMTok } from '../../../shared/money';
import type { ProviderKind } from '../providers/provider-types';
import { catalogLookup, type CatalogQuery } from './catalog-lookup';
import { toUnitPrices } from './catalog-unit-prices';
import type { StoredPriceData } from './price-data-file';
import { SEARCH_CONTEXT_FEES_SOURCE, withSearchContextFees } from './search-context-fees';
import { WEB_SEARCH_FEES_SOURCE, withPublishedWebSearchFee } from './web-search-fees';
import { selectCatalogProvider } from './select-catalog-provider';
import type { UnitPrices } from './unit-prices';

export type { ProviderKind } from '../providers/provider-types';
export type { PriceTier, TokenPrices, UnitPrices } from './unit-prices';

export interface CatalogPrice {
  prices: UnitPrices;
  /** Where the prices came from, stored on the ledger row: "genai-prices@0.1.8", "genai-prices-data@2026-12-02T07:55:00Z", or "local". */
  source: string;
  catalogModelId: string;
  providerId: string;
  /** Our tables that filled per-call prices the catalog lacks, named beside the catalog on the row's fee source. */
  feeTables?: string[];
}

/**
 * The version of the bundled catalog. We never call the package's updatePrices (its data is
 * process-wide): newer data is passed in per call instead, so the bundled data in use is exactly
 * this version's, and a ledger row's source names whichever priced it truthfully.
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
  data?: StoredPriceData,
): CatalogPrice | undefined {
  const lookup = data
    ? catalogLookup(kind, model, baseUrl, (href) => selectCatalogProvider(data.providers, { providerApiUrl: href }))
    : catalogLookup(kind, model, baseUrl);
  if (lookup === 'local') {
    return { prices: { input: FREE, output: FREE }, source: 'local', catalogModelId: model, providerId: 'local' };
  }
  for (const query of lookup) {
    // calcPrice is the catalog's only public model matcher (its name rules, date-suffix handling
    // and fallback providers come with it). Its float prices are ignored: with empty usage it only
    // selects the model and the prices in force at `at`, which we convert to integers ourselves.
    const found = data ? calcWithData(data, query, at) : calcPrice({}, query.model, { providerId: query.providerId, timestamp: at });
    if (found === null) continue;
    const unit = toUnitPrices(found.model_price, found.model.id);
    if (unit === undefined) return undefined;
    const contextCalls = withSearchContextFees(unit.calls, found.provider.id, found.model.id);
    const calls = withPublishedWebSearchFee(contextCalls, found.provider.id, found.model.id);
    const prices: UnitPrices = calls ? { ...unit, calls } : unit;
    const source = data ? priceDataSource(data) : CATALOG_SOURCE;
    const feeTables = [
      ...(calls?.requestBySearchContext ? [SEARCH_CONTEXT_FEES_SOURCE] : []),
      ...(calls?.webSearch !== undefined && unit.calls?.webSearch === undefined ? [WEB_SEARCH_FEES_SOURCE] : []),
    ];
    return { prices, source, catalogModelId: found.model.id, providerId: found.provider.id, ...(feeTables.length ? { feeTables } : {}) };
  }
  return undefined;
}

/** The source a row priced with fetched data records: the data's date names it. */
export function priceDataSource(data: StoredPriceData): string {
  return `genai-prices-data@${data.date}`;
}

/** calcPrice over our data: the provider is chosen in it, then passed in, so the package's own data is not used. */
function calcWithData(data: StoredPriceData, query: CatalogQuery, at: Date): PriceCalculationResult {
  const provider = selectCatalogProvider(data.providers, {
    ...(query.providerId !== undefined ? { providerId: query.providerId } : { modelId: query.model.toLowerCase().trim() }),
  });
  return provider === undefined ? null : calcPrice({}, query.model, { provider, timestamp: at });
}

/** The package's exports hide its package.json, so it is read beside the resolved entry point. */
function installedCatalogVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : null;
  if (typeof version !== 'string') throw new Error('@pydantic/genai-prices: package.json has no version');
  return version;
}
