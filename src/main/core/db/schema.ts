/**
 * The SQLite schema. Timestamps are integer milliseconds since the epoch (UTC); money columns are
 * integer nano-dollars named `*_usd_nanos` so a later billed-currency column can sit beside them
 * (DESIGN.md, "Money"). Unknown is NULL, never 0: a NULL cost means "price unknown".
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Nanodollars, NanodollarsPerCall, NanodollarsPerMTok } from '../../../shared/money';
import { REQUEST_STATUSES } from '../../../shared/request-status';

export { REQUEST_STATUSES };

export const providers = sqliteTable('providers', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Where the key lives ("safe-storage:<id>", "keyring:<id>", "env:OPENAI_API_KEY"); never the key. */
  keyRef: text('key_ref'),
  keyLast4: text('key_last4'),
  enabledModelsJson: text('enabled_models_json').notNull().default('[]'),
  modelSettingsJson: text('model_settings_json').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    providerId: text('provider_id'),
    model: text('model'),
    /** This conversation's system prompt; NULL: the default of Settings applies; '' sends none. */
    systemPrompt: text('system_prompt'),
    /** The composer's web search toggle, remembered for the conversation's next message. */
    webSearch: integer('web_search', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('conversations_updated_at').on(t.updatedAt)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['system', 'user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    reasoningText: text('reasoning_text'),
    /** The sources the answer cited (a JSON list of {url, title?, date?}); NULL when it cited none. */
    sourcesJson: text('sources_json'),
    /** complete | partial (stopped or failed mid-answer) | failed (nothing came back) */
    status: text('status', { enum: ['complete', 'partial', 'failed'] }).notNull(),
    requestId: text('request_id'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('messages_conversation_created').on(t.conversationId, t.createdAt)],
);

/**
 * A file sent with a user message, kept in the data folder (`attachments/<conversation id>/<file>`)
 * as it was sent (downscaled images at their sent size), so a later turn re-sends the same bytes.
 * The row and its file go with the message.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Its place among the message's attachments, from 0. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['image', 'pdf', 'text'] }).notNull(),
    /** The name the user's file had ("screenshot.png"). */
    name: text('name').notNull(),
    /** What was sent: image/png, image/jpeg, image/webp, image/gif, application/pdf, text/plain… */
    mime: text('mime').notNull(),
    /** The stored file's name inside the conversation's folder. */
    fileName: text('file_name').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** The user's image before it was downscaled for the vendor; NULL when it was sent as it was. */
    originalWidth: integer('original_width'),
    originalHeight: integer('original_height'),
    originalBytes: integer('original_bytes'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_message').on(t.messageId, t.position), index('attachments_conversation').on(t.conversationId)],
);

export type { RequestStatus } from '../../../shared/request-status';

/** The ledger: one row per provider call, finalized exactly once. */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id'),
    userMessageId: text('user_message_id'),
    assistantMessageId: text('assistant_message_id'),
    providerId: text('provider_id').notNull(),
    providerKind: text('provider_kind').notNull(),
    model: text('model').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    streamed: integer('streamed', { mode: 'boolean' }).notNull(),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    cachedInputTokens: integer('cached_input_tokens'),
    cacheWriteTokens: integer('cache_write_tokens'),
    /** Cache writes by lifetime where the vendor reports them apart (Anthropic); parts of cache_write_tokens. */
    cacheWrite5mTokens: integer('cache_write_5m_tokens'),
    cacheWrite1hTokens: integer('cache_write_1h_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    usageSource: text('usage_source', { enum: ['provider', 'estimated'] }),
    rawUsageJson: text('raw_usage_json'),
    /** The provider's own figure where it reports one (OpenRouter usage.cost), beside ours. */
    providerCostUsdNanos: integer('provider_cost_usd_nanos').$type<Nanodollars>(),
    priceInputUsdNanosPerMTok: integer('price_input_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    priceOutputUsdNanosPerMTok: integer('price_output_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    priceCacheReadUsdNanosPerMTok: integer('price_cache_read_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    priceCacheWriteUsdNanosPerMTok: integer('price_cache_write_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    priceCacheWrite1hUsdNanosPerMTok: integer('price_cache_write_1h_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    /** "genai-prices@0.1.8", "override:<id>", "local"; NULL when no price is known. */
    priceSource: text('price_source'),
    // Per-call fees, each kind as count, price per call and fee (count × price); all NULL when the
    // row was charged no such fee. cost_usd_nanos includes the fees.
    requestCalls: integer('request_calls'),
    priceRequestUsdNanosPerCall: integer('price_request_usd_nanos_per_call').$type<NanodollarsPerCall>(),
    requestFeeUsdNanos: integer('request_fee_usd_nanos').$type<Nanodollars>(),
    webSearchCalls: integer('web_search_calls'),
    priceWebSearchUsdNanosPerCall: integer('price_web_search_usd_nanos_per_call').$type<NanodollarsPerCall>(),
    webSearchFeeUsdNanos: integer('web_search_fee_usd_nanos').$type<Nanodollars>(),
    /** Where the per-call prices came from (an override keeps the catalog's fees unless it names its own). */
    callFeePriceSource: text('call_fee_price_source'),
    costUsdNanos: integer('cost_usd_nanos').$type<Nanodollars>(),
    billedCurrency: text('billed_currency').notNull().default('USD'),
    reservedUsdNanos: integer('reserved_usd_nanos').$type<Nanodollars>().notNull().default(sql`0`),
    estimatedInputTokens: integer('estimated_input_tokens'),
    partialText: text('partial_text'),
    partialReasoning: text('partial_reasoning'),
    checkpointAt: integer('checkpoint_at'),
    startedAt: integer('started_at').notNull(),
    ttftMs: integer('ttft_ms'),
    finishedAt: integer('finished_at'),
    durationMs: integer('duration_ms'),
    finishReason: text('finish_reason'),
    cancelReason: text('cancel_reason'),
    error: text('error'),
    /** The process streaming this row: recovery leaves rows of a live process (app, CLI, browser mode) alone. */
    ownerPid: integer('owner_pid'),
    /** NULL for this device's own rows; the id of the device that made a row imported from the sync folder. */
    originDeviceId: text('origin_device_id'),
    /** When this device's own final row went into a segment of the sync folder; NULL until then. */
    exportedAt: integer('exported_at'),
    /** The vendor's id of the answer (OpenRouter's generation id), so the bill check can ask what it cost. */
    providerResponseId: text('provider_response_id'),
  },
  (t) => [
    // Covering the cost, so a month's spend (overall, per provider, per model) is read from the
    // index alone (bench/ledger-queries: 1.2 ms for a month of a two-year ledger of 1M rows).
    index('requests_started_cost').on(t.startedAt, t.costUsdNanos),
    index('requests_provider_started_cost').on(t.providerId, t.startedAt, t.costUsdNanos),
    index('requests_model_started_cost').on(t.model, t.startedAt, t.costUsdNanos),
    index('requests_conversation').on(t.conversationId),
    index('requests_open').on(t.status).where(sql`status IN ('pending', 'streaming')`),
    // Own final rows not yet in a segment: what the next export writes.
    index('requests_unexported')
      .on(t.startedAt)
      .where(sql`origin_device_id IS NULL AND exported_at IS NULL AND status NOT IN ('pending', 'streaming')`),
    index('requests_origin_device').on(t.originDeviceId).where(sql`origin_device_id IS NOT NULL`),
    // Only rows that carry the provider's own figure (OpenRouter, xAI, Perplexity), with both costs: the
    // Spending screen's drift sums these for any period, all time included, from the index alone.
    index('requests_provider_cost')
      .on(t.startedAt, t.costUsdNanos, t.providerCostUsdNanos, t.status)
      .where(sql`provider_cost_usd_nanos IS NOT NULL`),
  ],
);

export const budgets = sqliteTable(
  'budgets',
  {
    id: text('id').primaryKey(),
    scope: text('scope', { enum: ['overall', 'provider', 'model'] }).notNull(),
    /** Provider id for scope 'provider', model name for scope 'model', '' for overall. */
    scopeValue: text('scope_value').notNull().default(''),
    monthlyCapUsdNanos: integer('monthly_cap_usd_nanos').$type<Nanodollars>().notNull(),
    warnAtPercent: integer('warn_at_percent').notNull().default(80),
    strict: integer('strict', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('budgets_scope').on(t.scope, t.scopeValue)],
);

/** A warning or cap-reached notice is shown once per cap per month. */
export const budgetAlerts = sqliteTable(
  'budget_alerts',
  {
    budgetId: text('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    kind: text('kind', { enum: ['warning', 'reached'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.month, t.kind] })],
);

/**
 * A day whose spend was far above the usual (DESIGN.md, issue 19): the user is told once per local
 * day, and this row keeps "once" across restarts. The figures are those the notice showed.
 */
export const spendAnomalyAlerts = sqliteTable('spend_anomaly_alerts', {
  day: text('day').primaryKey(),
  spentUsdNanos: integer('spent_usd_nanos').$type<Nanodollars>().notNull(),
  medianUsdNanos: integer('median_usd_nanos').$type<Nanodollars>().notNull(),
  createdAt: integer('created_at').notNull(),
});

export const priceOverrides = sqliteTable(
  'price_overrides',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    model: text('model').notNull(),
    inputUsdNanosPerMTok: integer('input_usd_nanos_per_mtok').$type<NanodollarsPerMTok>().notNull(),
    outputUsdNanosPerMTok: integer('output_usd_nanos_per_mtok').$type<NanodollarsPerMTok>().notNull(),
    cacheReadUsdNanosPerMTok: integer('cache_read_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    cacheWriteUsdNanosPerMTok: integer('cache_write_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    cacheWrite1hUsdNanosPerMTok: integer('cache_write_1h_usd_nanos_per_mtok').$type<NanodollarsPerMTok>(),
    requestUsdNanosPerCall: integer('request_usd_nanos_per_call').$type<NanodollarsPerCall>(),
    webSearchUsdNanosPerCall: integer('web_search_usd_nanos_per_call').$type<NanodollarsPerCall>(),
    effectiveFrom: integer('effective_from').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('price_overrides_lookup').on(t.providerId, t.model, t.effectiveFrom)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
});

/** The sums both rollups keep for their group of final ledger rows (a fresh set of columns per table). */
function rollupSums() {
  return {
    requests: integer('requests').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    cachedInputTokens: integer('cached_input_tokens').notNull(),
    cacheWriteTokens: integer('cache_write_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    reasoningTokens: integer('reasoning_tokens').notNull(),
    costUsdNanos: integer('cost_usd_nanos').$type<Nanodollars>().notNull(),
    unpricedRequests: integer('unpriced_requests').notNull(),
    estimatedRequests: integer('estimated_requests').notNull(),
  };
}

/**
 * Sums per local day × provider × model × status, written in the same transaction as each
 * finalize, so dashboards stay fast at a million rows. The ledger stays the truth: this table is
 * rebuilt from it whenever the time-zone setting changes, and can be rebuilt at any time.
 */
export const usageDailyRollup = sqliteTable(
  'usage_daily_rollup',
  {
    day: text('day').notNull(),
    providerId: text('provider_id').notNull(),
    model: text('model').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    ...rollupSums(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.providerId, t.model, t.status] }),
    // Covering every sum, in model order: the all-time per-model breakdown reads this index alone,
    // already grouped, instead of sorting the whole table.
    index('usage_daily_rollup_model_sums').on(
      t.model, t.status, t.requests, t.inputTokens, t.cachedInputTokens, t.cacheWriteTokens, t.outputTokens,
      t.reasoningTokens, t.costUsdNanos, t.unpricedRequests, t.estimatedRequests,
    ),
  ],
);

/**
 * All-time sums per conversation × model × status, kept beside the daily rollup in the same
 * transaction as each finalize: the all-time conversation breakdown reads this instead of every
 * ledger row. Requests outside any conversation are under ''. Rebuildable from the ledger.
 */
export const usageConversationRollup = sqliteTable(
  'usage_conversation_rollup',
  {
    conversationId: text('conversation_id').notNull(),
    model: text('model').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.model, t.status] })],
);

/**
 * The time zone the daily rollup's days are in (one row, id 1), written in the transaction that
 * rebuilds it. Sums that mix the rollup with the ledger (the month's spend for caps) cut the
 * ledger at this zone's midnights, whatever the time-zone setting says meanwhile.
 */
export const usageRollupZone = sqliteTable('usage_rollup_zone', {
  id: integer('id').primaryKey(),
  timeZone: text('time_zone').notNull(),
});

/**
 * All-time sums per conversation ('' for requests outside any), kept with the other rollups in
 * each finalize: the conversation breakdown reads its biggest spenders off the cost index instead
 * of grouping every row of usage_conversation_rollup.
 */
export const usageConversationTotals = sqliteTable(
  'usage_conversation_totals',
  {
    conversationId: text('conversation_id').primaryKey(),
    ...rollupSums(),
    refusedRequests: integer('refused_requests').notNull(),
  },
  (t) => [index('usage_conversation_totals_cost').on(sql`${t.costUsdNanos} DESC`, sql`${t.requests} DESC`, t.conversationId)],
);

/**
 * Token counts of message texts per encoding (o200k_base, cl100k_base…), keyed by the text's
 * SHA-256, stored the first time pre-flight counts a text: after a restart, pre-flight of a long
 * conversation adds stored counts instead of tokenizing every message again.
 */
export const tokenCounts = sqliteTable(
  'token_counts',
  {
    encoding: text('encoding').notNull(),
    textSha256: blob('text_sha256', { mode: 'buffer' }).notNull(),
    tokens: integer('tokens').notNull(),
    exact: integer('exact', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.encoding, t.textSha256] })],
);

/**
 * The other devices met in the sync folder: their name, and how fresh their data is here. Rows
 * they made live in `requests` (origin_device_id); this only says when each was last seen.
 */
export const syncDevices = sqliteTable('sync_devices', {
  deviceId: text('device_id').primaryKey(),
  name: text('name').notNull(),
  /** The device's own clock when it last wrote a file this device has read (heartbeat or segment). */
  lastSeenAt: integer('last_seen_at'),
  /** How many final rows the device says it has exported, from its latest heartbeat. */
  announcedRows: integer('announced_rows').notNull().default(0),
  /** This device's clock when it last read the device's folder. */
  importedAt: integer('imported_at'),
});

/**
 * The bill check, per provider (issue 19): opted into in Settings, reading the vendor's own account
 * API. Only the reference to an admin key is kept here, never the key.
 */
export const billCheckAccounts = sqliteTable('bill_check_accounts', {
  providerId: text('provider_id').primaryKey(),
  vendor: text('vendor', { enum: ['openai', 'anthropic', 'openrouter', 'deepseek'] }).notNull(),
  adminKeyRef: text('admin_key_ref'),
  /** The OpenAI project or Anthropic workspace Tallychat's key belongs to; spend elsewhere is another app's. */
  ownScope: text('own_scope'),
  enabledAt: integer('enabled_at').notNull(),
});

/** One successful read of a vendor's account API. A failed read stores nothing. */
export const billFetches = sqliteTable(
  'bill_fetches',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    vendor: text('vendor').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    /** The instants the fetched daily figures cover, [start, end). */
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms').notNull(),
  },
  (t) => [index('bill_fetches_provider').on(t.providerId, t.fetchedAt)],
);

const fetchId = () =>
  text('fetch_id')
    .notNull()
    .references(() => billFetches.id, { onDelete: 'cascade' });

/** The vendor's daily cost lines as it sent them, per UTC day, project/workspace and line item. */
export const billCosts = sqliteTable(
  'bill_costs',
  {
    fetchId: fetchId(),
    day: text('day').notNull(),
    scope: text('scope'),
    model: text('model'),
    lineItem: text('line_item'),
    amountUsdNanos: integer('amount_usd_nanos').$type<Nanodollars>().notNull(),
  },
  (t) => [index('bill_costs_fetch').on(t.fetchId, t.day)],
);

/** The vendor's token counts per UTC day, API key and model. */
export const billUsage = sqliteTable(
  'bill_usage',
  {
    fetchId: fetchId(),
    day: text('day').notNull(),
    apiKeyId: text('api_key_id'),
    model: text('model'),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    requests: integer('requests'),
  },
  (t) => [index('bill_usage_fetch').on(t.fetchId, t.day)],
);

/** A prepaid balance in the vendor's currency (nano-units of it; DeepSeek may hold CNY). */
export const billBalances = sqliteTable(
  'bill_balances',
  {
    fetchId: fetchId(),
    currency: text('currency').notNull(),
    totalNanos: integer('total_nanos').notNull(),
    purchasedNanos: integer('purchased_nanos'),
    usedNanos: integer('used_nanos'),
  },
  (t) => [index('bill_balances_fetch').on(t.fetchId)],
);

/** The provider's own cost of a ledger row whose stream carried none, looked up afterwards; the row itself is not changed. */
export const billGenerationCosts = sqliteTable('bill_generation_costs', {
  requestId: text('request_id').primaryKey(),
  providerId: text('provider_id').notNull(),
  generationId: text('generation_id').notNull(),
  costUsdNanos: integer('cost_usd_nanos').$type<Nanodollars>().notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});
