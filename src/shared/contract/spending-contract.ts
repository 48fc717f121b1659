/**
 * Spending dashboard and reports (issue 6). Money crosses as integer nano-dollars (numbers); the
 * renderer only formats them. Every figure is computed in main from the ledger (or its daily
 * rollup, which equals it), with the same definitions as the budgets.
 */
import { z } from 'zod';
import type { CapView } from './budget-contract';
import { method } from './define-method';

export const PERIOD_PRESETS = ['24h', '7d', '30d', 'this-month', 'last-month', 'all'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A period: a preset relative to now, or local dates in the settings' time zone (`to` inclusive). */
export const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(PERIOD_PRESETS) }).strict(),
  z.object({ kind: z.literal('custom'), from: localDate.optional(), to: localDate.optional() }).strict(),
]);
export type PeriodRequest = z.infer<typeof periodSchema>;

export const REPORT_GROUPINGS = ['request', 'day', 'month', 'provider', 'model', 'conversation'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** Every status a ledger row can have (the request log filters on them). */
export const LEDGER_STATUSES = ['pending', 'streaming', 'completed', 'cancelled', 'failed', 'interrupted', 'refused'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface PeriodView {
  kind: PeriodRequest['kind'];
  /** "Last 7 days", "November 2026", "All time" */
  label: string;
  /** Local dates, inclusive; null when unbounded (all time) or not day-aligned (last 24 h). */
  from: string | null;
  to: string | null;
  /** The instants covered, [startMs, endMs); null when unbounded. */
  startMs: number | null;
  endMs: number | null;
  /** The settings' IANA time zone every local date and time here is in. */
  timeZone: string;
}

/**
 * Sums over final ledger rows (rows still running add nothing until they finish). `requests`
 * excludes refused ones, counted apart; `costNanos` sums the rows with a known price, and
 * `unpricedRequests` counts the others (never added as 0).
 */
export interface UsageTotalsView {
  requests: number;
  refused: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costNanos: number;
  unpricedRequests: number;
  estimatedRequests: number;
  /** Cost ÷ priced requests, rounded half to even; null when none is priced. */
  avgCostNanos: number | null;
}

export interface MonthView {
  /** "2026-11" */
  month: string;
  label: string;
  spentNanos: number;
  /** Held by requests running right now. */
  reservedNanos: number;
  /** The month-end forecast: spent + the median day × the days left (today counted as a day). */
  projectionNanos: number;
  daysElapsed: number;
  daysInMonth: number;
  caps: CapView[];
}

export type BreakdownKind = 'provider' | 'model' | 'conversation';

export interface BreakdownRow {
  key: string;
  label: string;
  /** Providers that served a model; the model(s) of a conversation. */
  detail: string | null;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costNanos: number;
  unpricedRequests: number;
  estimatedRequests: number;
  avgCostNanos: number | null;
  /** This row's cost as a share of the period's, in basis points (1/100 %); null when nothing was spent. */
  shareBasisPoints: number | null;
}

export type SeriesBucket = 'hour' | 'day' | 'month';
export type StackBy = 'provider' | 'model';

export interface SeriesView {
  bucket: SeriesBucket;
  stackBy: StackBy;
  /** The biggest stacks by cost, then "Other" for the rest. */
  stacks: { key: string; label: string }[];
  /** Every bucket of the period in order, empty ones included. */
  points: { key: string; label: string; costNanos: Record<string, number>; totalNanos: number }[];
}

/** Tokens split into parts that add up: input = fresh + cache read + cache write; output = answer + reasoning. */
export interface TokenKindsView {
  freshInput: number;
  cacheRead: number;
  cacheWrite: number;
  answerOutput: number;
  reasoning: number;
}

export interface SpendingOverview {
  period: PeriodView;
  totals: UsageTotalsView;
  /** The current calendar month, whatever the period: caps are monthly. */
  month: MonthView;
  series: SeriesView;
  tokens: TokenKindsView;
  byProvider: BreakdownRow[];
  byModel: BreakdownRow[];
  /** What the request log can filter on in this period. */
  providers: { id: string; name: string }[];
  models: string[];
}

export interface ConversationBreakdown {
  rows: BreakdownRow[];
  /** Conversations with requests in the period; more than `rows.length` when the list was cut. */
  total: number;
}

export interface RequestLogRow {
  id: string;
  startedAt: number;
  conversationId: string | null;
  conversationTitle: string | null;
  providerId: string;
  providerName: string;
  model: string;
  status: LedgerStatus;
  usageSource: 'provider' | 'estimated' | null;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  costNanos: number | null;
  /** A sent request whose model has no known price: its cost is unknown, not zero. */
  priceUnknown: boolean;
  ttftMs: number | null;
  durationMs: number | null;
  error: string | null;
}

export const logCursorSchema = z.object({ startedAt: z.number().int(), id: z.string().min(1).max(200) }).strict();
export type LogCursor = z.infer<typeof logCursorSchema>;

export interface RequestLogPage {
  rows: RequestLogRow[];
  /** Pass back as `after` for the next (older) page; null at the end. */
  next: LogCursor | null;
}

export const requestLogFilterSchema = z
  .object({
    providerId: z.string().min(1).max(200).optional(),
    model: z.string().min(1).max(300).optional(),
    status: z.enum(LEDGER_STATUSES).optional(),
    conversationId: z.string().min(1).max(200).optional(),
    /** Matches the conversation title, provider, model, request id or error, case-insensitively. */
    text: z.string().max(200).optional(),
  })
  .strict();
export type RequestLogFilter = z.infer<typeof requestLogFilterSchema>;

export interface ReportExport {
  fileName: string;
  /** RFC 4180 text (CRLF line ends), with a leading BOM when asked for. */
  csv: string;
  /** Data rows, header not counted. */
  rows: number;
}

/**
 * Where the desktop app's export went. The core wrote the CSV to the file the user chose in the
 * app's save dialog: the text never crosses the window's process or IPC. `cancelled`: the user
 * closed the dialog, nothing was written.
 */
export type ExportSaved = { status: 'saved'; file: string; rows: number } | { status: 'cancelled' };

/** One request where the provider reported its own cost, beside ours. */
export interface CostDriftRow {
  id: string;
  startedAt: number;
  model: string;
  oursNanos: number;
  theirsNanos: number;
}

/**
 * Our cost against the provider's own figure, over the period's requests where both are known
 * (OpenRouter, xAI, Perplexity report theirs). `differenceNanos` is theirs − ours.
 */
export interface CostDriftView {
  comparedRequests: number;
  oursNanos: number;
  theirsNanos: number;
  differenceNanos: number;
  /** The rows that differ most (by absolute difference), biggest first. */
  topRows: CostDriftRow[];
}

export interface ProviderFiguresView {
  /** What prompt caching saved in the period; null when no request's saving is known. */
  cacheSavedNanos: number | null;
  drift: CostDriftView;
}

/** The window exports at most this many request rows; `tallychat report` streams any number. */
export const SCREEN_EXPORT_MAX_ROWS = 100_000;

export const spendingContract = {
  spendingOverview: method<SpendingOverview>()(
    z.object({ period: periodSchema, stackBy: z.enum(['provider', 'model']).optional() }).strict(),
  ),
  spendingConversations: method<ConversationBreakdown>()(
    z.object({ period: periodSchema, limit: z.number().int().min(1).max(1000).optional() }).strict(),
  ),
  spendingProviderFigures: method<ProviderFiguresView>()(z.object({ period: periodSchema }).strict()),
  spendingRequests: method<RequestLogPage>()(
    z
      .object({
        period: periodSchema,
        filter: requestLogFilterSchema.optional(),
        after: logCursorSchema.optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  spendingExportCsv: method<ReportExport>()(
    z.object({ period: periodSchema, groupBy: z.enum(REPORT_GROUPINGS), bom: z.boolean().optional() }).strict(),
  ),
  /** The same CSV, written by the core to a file the host's save dialog asks the user for (the desktop app). */
  spendingExportCsvSave: method<ExportSaved>()(
    z.object({ period: periodSchema, groupBy: z.enum(REPORT_GROUPINGS), bom: z.boolean().optional() }).strict(),
  ),
};
