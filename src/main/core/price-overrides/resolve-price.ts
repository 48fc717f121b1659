import type { ChargedPrices } from '../ledger/ledger-types';
import type { PriceCatalog } from '../pricing/price-catalog';
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
 * catalog's in use (bundled, or newer data stored by "Update prices"), else undefined ("price
 * unknown": cost NULL, never 0).
 */
export function resolvePrice(overrides: PriceOverrideStore, catalog: PriceCatalog, query: PriceQuery): ResolvedPrice | undefined {
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
  const found = catalog.find(query.kind, query.model, new Date(query.at), query.baseUrl);
  if (!found) return undefined;
  const { tiers: _tiers, ...base } = found.prices;
  return { prices: found.prices, charged: { ...base, source: found.source } };
}
