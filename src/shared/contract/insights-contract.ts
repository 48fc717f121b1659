/**
 * Issue 19, parts 2-4: the month's forecast against each cap, spend notifications, "what if" on
 * another model, and where the money goes. Money crosses as integer nano-dollars (numbers).
 */
import { z } from 'zod';
import { method } from './define-method';
import type { GeneralSettingsView } from './settings-contract';
import { periodSchema, type PeriodView } from './spending-contract';

/** The month-end figure expected, and the range around it (see src/main/core/insights/spend-forecast.ts). */
export interface ForecastRange {
  lowNanos: number;
  expectedNanos: number;
  highNanos: number;
}

/** Where a cap stands at month end if the days go on as they have. */
export type CapOutlook = 'within' | 'may-pass' | 'likely-passes' | 'passed';

export interface CapForecastView {
  budgetId: string;
  label: string;
  capNanos: number;
  spentNanos: number;
  forecast: ForecastRange;
  outlook: CapOutlook;
}

export interface ForecastView {
  /** "2026-11" and "November 2026" */
  month: string;
  label: string;
  /** Today counted as a day. */
  daysElapsed: number;
  daysInMonth: number;
  spentNanos: number;
  forecast: ForecastRange;
  caps: CapForecastView[];
}

/** Unit prices typed as decimal US dollars per million tokens, as in Settings → Prices. */
const usdPerMTok = z.string().trim().min(1).max(30);
export const whatIfPricesSchema = z
  .object({ input: usdPerMTok, output: usdPerMTok, cacheRead: usdPerMTok.optional(), cacheWrite: usdPerMTok.optional() })
  .strict();
export type WhatIfPrices = z.infer<typeof whatIfPricesSchema>;

/** The prices a what-if used, in nano-dollars per million tokens, and where they came from. */
export interface WhatIfPricesView {
  source: 'override' | 'catalog' | 'typed';
  /** "genai-prices@0.1.8", "override:<id>", or "typed" */
  detail: string;
  inputPerMTokNanos: number;
  outputPerMTokNanos: number;
  cacheReadPerMTokNanos: number | null;
  cacheWritePerMTokNanos: number | null;
}

/** One model the period's requests went to, against the same requests on the chosen model. */
export interface WhatIfRow {
  providerId: string;
  providerName: string;
  model: string;
  requests: number;
  /** What the ledger says they cost (frozen prices), over the priced ones. */
  actualNanos: number;
  /** Requests whose own price was unknown: their actual cost is unknown, not 0. */
  unpricedRequests: number;
  whatIfNanos: number;
}

export interface WhatIfView {
  period: PeriodView;
  providerId: string;
  providerName: string;
  model: string;
  prices: WhatIfPricesView;
  rows: WhatIfRow[];
  totals: { requests: number; actualNanos: number; unpricedRequests: number; whatIfNanos: number };
}

/** The parts a request's cost is made of: its kinds of token, and the per-call fees the ledger records. */
export const COST_COMPONENTS = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning', 'requestFees', 'searchFees'] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];

export interface CostShareView {
  component: CostComponent;
  label: string;
  costNanos: number;
  /** Of the priced total, in basis points (1/100 %); null when nothing was spent. */
  shareBasisPoints: number | null;
}

export interface CostSharesView {
  period: PeriodView;
  /** The sum of the parts: the period's cost over its priced requests. */
  totalNanos: number;
  pricedRequests: number;
  unpricedRequests: number;
  shares: CostShareView[];
}

/** A conversation whose next message costs the most, because of all it sends again. */
export interface CostlyConversationView {
  conversationId: string;
  title: string;
  providerName: string;
  model: string;
  /** The pre-flight estimate of sending one more short message now. */
  promptTokens: number;
  nextMessageNanos: number;
}

export interface CostlyConversationsView {
  rows: CostlyConversationView[];
}

export const insightsContract = {
  spendingForecast: method<ForecastView>()(z.object({}).strict()),
  spendingWhatIf: method<WhatIfView>()(
    z
      .object({
        period: periodSchema,
        providerId: z.string().min(1).max(200).optional(),
        model: z.string().min(1).max(300),
        prices: whatIfPricesSchema.optional(),
      })
      .strict(),
  ),
  spendingCostShares: method<CostSharesView>()(z.object({ period: periodSchema }).strict()),
  spendingCostlyConversations: method<CostlyConversationsView>()(z.object({ limit: z.number().int().min(1).max(50).optional() }).strict()),
  settingsSpendAlertsSet: method<GeneralSettingsView>()(z.object({ enabled: z.boolean() }).strict()),
};
