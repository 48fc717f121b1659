import type { ChargedPrices } from '../ledger/ledger-types';
import { findCatalogPrice } from '../pricing/catalog-prices';
import type { UnitPrices } from '../pricing/unit-prices';
import type { ProviderKind } from '../providers/provider-types';
import type { PriceOverrideStore } from './price-override-store';

export interface ResolvedPrice {
  prices: UnitPrices;
  /** What the ledger row records: base prices and their source. */
  charged: ChargedPrices;
}

export interface PriceQuery {
  providerId: string;
  kind: ProviderKind;
  model: string;
  baseUrl?: string;
  at: number;
}

/**
 * The price a request is charged at: the user's override in force at that moment, else the
 * bundled catalog's, else undefined ("price unknown": cost NULL, never 0).
 */
export function resolvePrice(overrides: PriceOverrideStore, query: PriceQuery): ResolvedPrice | undefined {
  const override = overrides.inForce(query.providerId, query.model, query.at);
  if (override) {
    const prices: UnitPrices = {
      input: override.input,
      output: override.output,
      ...(override.cacheRead !== null ? { cacheRead: override.cacheRead } : {}),
      ...(override.cacheWrite !== null ? { cacheWrite: override.cacheWrite } : {}),
    };
    return { prices, charged: { ...prices, source: `override:${override.id}` } };
  }
  const catalog = findCatalogPrice(query.kind, query.model, new Date(query.at), query.baseUrl);
  if (!catalog) return undefined;
  const { tiers: _tiers, ...base } = catalog.prices;
  return { prices: catalog.prices, charged: { ...base, source: catalog.source } };
}
