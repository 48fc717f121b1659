import type { CallFeeView } from '../../../shared/contract/chat-contract';
import { costOfCalls, sumNanodollars, type Nanodollars, type NanodollarsPerCall } from '../../../shared/money';
import type { SearchContextSize } from '../../../shared/usage';
import type { CallPrices } from './unit-prices';

/** How many billable calls of each per-call kind one request made; undefined when not known. */
export interface CallCounts {
  /** 1 when the provider ran the request, 0 when it refused it before any answer. */
  requests?: number;
  /** Web searches the provider reported running (Perplexity's `num_search_queries`). */
  webSearches?: number;
  /** The search context the provider says the request used; it picks the request fee where that depends on it. */
  searchContextSize?: SearchContextSize;
}

export const CALL_FEE_KINDS = ['request', 'webSearch'] as const;
export type CallFeeKind = (typeof CALL_FEE_KINDS)[number];

/** One fee as the ledger row keeps it: the count, the price per call, and their product. */
export interface CallFee {
  calls: number;
  price: NanodollarsPerCall;
  fee: Nanodollars;
}

/** The row's fees; a kind is absent when the request made no such call or the price list charges none. */
export type CallFees = Partial<Record<CallFeeKind, CallFee>>;

const COUNT_OF: Record<CallFeeKind, 'requests' | 'webSearches'> = { request: 'requests', webSearch: 'webSearches' };

/**
 * The per-call part of a request's cost (DESIGN.md "Money": per-call fees at their per-call
 * prices, each stored). A count without a price is not charged: the price list says that call is
 * included in another price (Perplexity's sonar searches are covered by its request fee).
 */
export function priceCallFees(counts: CallCounts, prices: CallPrices | undefined): CallFees {
  const fees: CallFees = {};
  for (const kind of CALL_FEE_KINDS) {
    const calls = counts[COUNT_OF[kind]];
    const price = kind === 'request' ? requestPrice(counts, prices) : prices?.[kind];
    if (calls === undefined || price === undefined) continue;
    fees[kind] = { calls, price, fee: costOfCalls(calls, price) };
  }
  return fees;
}

function requestPrice(counts: CallCounts, prices: CallPrices | undefined): NanodollarsPerCall | undefined {
  const bySize = counts.searchContextSize === undefined ? undefined : prices?.requestBySearchContext?.[counts.searchContextSize];
  return bySize ?? prices?.request;
}

export function totalCallFees(fees: CallFees): Nanodollars {
  return sumNanodollars(CALL_FEE_KINDS.flatMap((kind) => (fees[kind] ? [fees[kind].fee] : [])));
}

/** The fees paid, as a list for the window, in a fixed order (a refused request's zero calls name nothing). */
export function callFeeViews(fees: CallFees): CallFeeView[] {
  return CALL_FEE_KINDS.flatMap((kind) => {
    const fee = fees[kind];
    return fee && fee.calls > 0 ? [{ kind, calls: fee.calls, feeNanos: fee.fee }] : [];
  });
}

/** A ledger row's fee columns, back in CallFees terms. */
export interface CallFeeColumns {
  requestCalls: number | null;
  priceRequestUsdNanosPerCall: NanodollarsPerCall | null;
  requestFeeUsdNanos: Nanodollars | null;
  webSearchCalls: number | null;
  priceWebSearchUsdNanosPerCall: NanodollarsPerCall | null;
  webSearchFeeUsdNanos: Nanodollars | null;
}

export function callFeesOfRow(row: CallFeeColumns): CallFees {
  const fees: CallFees = {};
  if (row.requestCalls !== null && row.priceRequestUsdNanosPerCall !== null && row.requestFeeUsdNanos !== null) {
    fees.request = { calls: row.requestCalls, price: row.priceRequestUsdNanosPerCall, fee: row.requestFeeUsdNanos };
  }
  if (row.webSearchCalls !== null && row.priceWebSearchUsdNanosPerCall !== null && row.webSearchFeeUsdNanos !== null) {
    fees.webSearch = { calls: row.webSearchCalls, price: row.priceWebSearchUsdNanosPerCall, fee: row.webSearchFeeUsdNanos };
  }
  return fees;
}
