import type { ReportGrouping } from '../../../shared/contract/spending-contract';

/**
 * The columns of a report, shared by the CSV header and the JSON keys. A cell's kind decides how
 * it is written: text is guarded against formula injection and quoted; integers and decimals
 * (dollars with 9 places, exact from nano-dollars) are written as numbers; timestamps are ISO
 * 8601 with the offset. Null is an empty CSV cell and JSON null.
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'timestamp';
export type Cell = string | number | null;

export interface FieldSpec {
  name: string;
  kind: CellKind;
}

/** A per-request column and the SQL that reads it (`r` = requests, `c` = conversations). */
export interface RequestField extends FieldSpec {
  sql: string;
}

const field = (name: string, kind: CellKind): FieldSpec => ({ name, kind });
const column = (name: string, kind: CellKind, sql: string): RequestField => ({ name, kind, sql });

/** Where the provider's display name goes: filled in per report from the names resolved up front. */
export const PROVIDER_NAME_SQL = '@providerNameSql';

export const REQUEST_FIELDS: readonly RequestField[] = [
  column('request_id', 'text', 'r.id'),
  column('started_at', 'timestamp', 'r.started_at'),
  column('finished_at', 'timestamp', 'r.finished_at'),
  column('conversation_id', 'text', 'r.conversation_id'),
  column('conversation_title', 'text', "CASE WHEN r.conversation_id IS NULL THEN NULL ELSE COALESCE(c.title, 'Deleted conversation') END"),
  column('provider_id', 'text', 'r.provider_id'),
  column('provider', 'text', PROVIDER_NAME_SQL),
  column('model', 'text', 'r.model'),
  column('status', 'text', 'r.status'),
  column('usage_source', 'text', "CASE r.usage_source WHEN 'provider' THEN 'reported' ELSE r.usage_source END"),
  column('input_tokens', 'integer', 'r.input_tokens'),
  column('cached_input_tokens', 'integer', 'r.cached_input_tokens'),
  column('cache_write_tokens', 'integer', 'r.cache_write_tokens'),
  column('output_tokens', 'integer', 'r.output_tokens'),
  column('reasoning_tokens', 'integer', 'r.reasoning_tokens'),
  column('input_usd_per_mtok', 'decimal', 'r.price_input_usd_nanos_per_mtok'),
  column('output_usd_per_mtok', 'decimal', 'r.price_output_usd_nanos_per_mtok'),
  column('cache_read_usd_per_mtok', 'decimal', 'r.price_cache_read_usd_nanos_per_mtok'),
  column('cache_write_usd_per_mtok', 'decimal', 'r.price_cache_write_usd_nanos_per_mtok'),
  column('price_source', 'text', 'r.price_source'),
  column('cost_usd', 'decimal', 'r.cost_usd_nanos'),
  column('provider_cost_usd', 'decimal', 'r.provider_cost_usd_nanos'),
  column('ttft_ms', 'integer', 'r.ttft_ms'),
  column('duration_ms', 'integer', 'r.duration_ms'),
  column('finish_reason', 'text', 'r.finish_reason'),
  column('cancel_reason', 'text', 'r.cancel_reason'),
  column('error', 'text', 'r.error'),
  // Appended after every column an older export had, so those keep their places and bytes.
  column('cache_write_5m_tokens', 'integer', 'r.cache_write_5m_tokens'),
  column('cache_write_1h_tokens', 'integer', 'r.cache_write_1h_tokens'),
  column('cache_write_1h_usd_per_mtok', 'decimal', 'r.price_cache_write_1h_usd_nanos_per_mtok'),
  column('request_calls', 'integer', 'r.request_calls'),
  column('request_usd_per_call', 'decimal', 'r.price_request_usd_nanos_per_call'),
  column('request_fee_usd', 'decimal', 'r.request_fee_usd_nanos'),
  column('web_search_calls', 'integer', 'r.web_search_calls'),
  column('web_search_usd_per_call', 'decimal', 'r.price_web_search_usd_nanos_per_call'),
  column('web_search_fee_usd', 'decimal', 'r.web_search_fee_usd_nanos'),
  column('call_fee_price_source', 'text', 'r.call_fee_price_source'),
];

const GROUP_KEYS: Record<Exclude<ReportGrouping, 'request'>, readonly FieldSpec[]> = {
  day: [field('day', 'text')],
  month: [field('month', 'text')],
  provider: [field('provider_id', 'text'), field('provider', 'text')],
  model: [field('model', 'text')],
  conversation: [field('conversation_id', 'text'), field('conversation_title', 'text')],
};

/** After the group's key(s): the same sums for every grouping. */
const GROUP_SUM_FIELDS: readonly FieldSpec[] = [
  field('requests', 'integer'),
  field('refused_requests', 'integer'),
  field('input_tokens', 'integer'),
  field('cached_input_tokens', 'integer'),
  field('cache_write_tokens', 'integer'),
  field('output_tokens', 'integer'),
  field('reasoning_tokens', 'integer'),
  field('cost_usd', 'decimal'),
  field('unpriced_requests', 'integer'),
  field('estimated_requests', 'integer'),
];

export function fieldsFor(groupBy: ReportGrouping): readonly FieldSpec[] {
  return groupBy === 'request' ? REQUEST_FIELDS : [...GROUP_KEYS[groupBy], ...GROUP_SUM_FIELDS];
}
