import type { ChargedPrices } from '../ledger/ledger-types';
import { CALL_FEE_KINDS } from '../pricing/call-fees';
import type { CatalogPrice } from '../pricing/catalog-prices';
import type { PriceCatalog } from '../pricing/price-catalog';
import type { CallPrices, UnitPrices } from '../pricing/unit-prices';
import type { ProviderKind } from '../providers/provider-types';
import type { PriceOverride, PriceOverrideStore } from './price-override-store';

export interface ResolvedPrice {
  prices: UnitPrices;
  /** What the ledger row records: base token prices and their source. */
  charged: ChargedPrices;
  /** Where prices.calls came from: an override names its fees, or the catalog's stand. */
  callFeeSource: string;
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
 * unknown": cost NULL, never 0). Each per-call fee an override does not name stays the catalog's
 * (a new token price for Perplexity's sonar does not waive its request fee); the row's fee source
 * then names both.
 */
export function resolvePrice(overrides: PriceOverrideStore, catalog: PriceCatalog, query: PriceQuery): ResolvedPrice | undefined {
  const override = overrides.inForce(query.providerId, query.model, query.at);
  const found = catalog.find(query.kind, query.model, new Date(query.at), query.baseUrl);
  if (override) {
    const source = `override:${override.id}`;
    const ownCalls = overrideCalls(override);
    const catalogCalls = found?.prices.calls;
    const calls = mergeCalls(ownCalls, catalogCalls);
    const prices: UnitPrices = {
      input: override.input,
      output: override.output,
      ...(override.cacheRead !== null ? { cacheRead: override.cacheRead } : {}),
      ...(override.cacheWrite !== null ? { cacheWrite: override.cacheWrite } : {}),
      ...(override.cacheWrite1h !== null ? { cacheWrite1h: override.cacheWrite1h } : {}),
      ...(calls ? { calls } : {}),
    };
    const catalogFeeUsed = found !== undefined && catalogCalls !== undefined && CALL_FEE_KINDS.some((kind) => catalogCalls[kind] !== undefined && ownCalls?.[kind] === undefined);
    const callFeeSource = !catalogFeeUsed ? source : ownCalls ? `${source}+${catalogFeeSource(found)}` : catalogFeeSource(found);
    return { prices, charged: chargedOf(prices, source), callFeeSource };
  }
  if (!found) return undefined;
  return { prices: found.prices, charged: chargedOf(found.prices, found.source), callFeeSource: catalogFeeSource(found) };
}

/** A fee from one of our tables (Perplexity's request fee by search context, a published web-search fee) is named beside the catalog. */
function catalogFeeSource(found: CatalogPrice): string {
  return [found.source, ...(found.feeTables ?? [])].join('+');
}

/** The override's fees over the catalog's, kind by kind; an own request fee replaces the catalog's by search context too. */
function mergeCalls(own: CallPrices | undefined, catalog: CallPrices | undefined): CallPrices | undefined {
  if (!own || !catalog) return own ?? catalog;
  const request = own.request ?? catalog.request;
  const webSearch = own.webSearch ?? catalog.webSearch;
  return {
    ...(request !== undefined ? { request } : {}),
    ...(own.request === undefined && catalog.requestBySearchContext ? { requestBySearchContext: catalog.requestBySearchContext } : {}),
    ...(webSearch !== undefined ? { webSearch } : {}),
  };
}

function overrideCalls(override: PriceOverride): CallPrices | undefined {
  if (override.request === null && override.webSearch === null) return undefined;
  return {
    ...(override.request !== null ? { request: override.request } : {}),
    ...(override.webSearch !== null ? { webSearch: override.webSearch } : {}),
  };
}

/** The base token prices a row records; the 1-hour write price is added only to a row that reported such writes. */
function chargedOf(prices: UnitPrices, source: string): ChargedPrices {
  const { tiers: _tiers, calls: _calls, cacheWrite1h: _cacheWrite1h, ...base } = prices;
  return { ...base, source };
}
