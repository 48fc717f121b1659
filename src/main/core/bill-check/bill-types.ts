import type { Nanodollars } from '../../../shared/money';

/** The account APIs a bill check can read; which one a provider uses follows from its kind. */
export type BillVendor = 'openai' | 'anthropic' | 'openrouter' | 'deepseek';

/**
 * One billed amount of a vendor's daily cost report. `day` is the UTC date of the vendor's bucket
 * (every vendor here buckets by UTC day); `scope` is the project (OpenAI) or workspace (Anthropic)
 * it was billed to, null for the default one; `model` is what the line names, null when it names none.
 */
export interface BilledCostLine {
  day: string;
  scope: string | null;
  model: string | null;
  /** The vendor's own words for the line ("gpt-4o-mini-2024-07-18, input"), kept as sent. */
  lineItem: string | null;
  amountNanos: Nanodollars;
}

/** Tokens a vendor's usage report counts for one UTC day, API key and model. */
export interface BilledUsageLine {
  day: string;
  apiKeyId: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number | null;
}

/** A prepaid balance in the vendor's currency, in nano-units of it (CNY or USD for DeepSeek). */
export interface BalanceFigure {
  currency: string;
  totalNanos: number;
  /** OpenRouter's credits bought and used so far, in USD; null where the vendor reports a balance only. */
  purchasedNanos: number | null;
  usedNanos: number | null;
}

/** Everything one successful fetch brought back, stored together with its fetch time. */
export interface AccountFigures {
  /** The instants the daily figures cover, [startMs, endMs). */
  startMs: number;
  endMs: number;
  costs: BilledCostLine[];
  usage: BilledUsageLine[];
  balances: BalanceFigure[];
}

/** The provider's own cost of one generation, looked up for a ledger row whose stream carried none. */
export interface GenerationCost {
  requestId: string;
  generationId: string;
  costNanos: Nanodollars;
}

/** Where a vendor's account API lives and with which key it is called. */
export interface AccountEndpoint {
  vendor: BillVendor;
  /** "OpenAI": the name every message uses. */
  displayName: string;
  /** The provider's own base URL ("https://api.openai.com/v1"); tests point it at 127.0.0.1. */
  baseUrl: string;
  key: string;
  /** "admin key" or "API key": which key a refusal is about. */
  keyName: string;
}
