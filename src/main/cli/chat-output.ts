import type { AnswerSource } from '../../shared/answer-source';
import type { FinishedRequest } from '../../shared/contract/events';
import { formatUsdForDisplay } from '../../shared/format-money';
import { formatUsd, nanodollars } from '../../shared/money';

export interface ChatJson {
  request_id: string | null;
  status: string;
  text: string;
  reasoning_text: string;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cached_input_tokens: number | null;
    cache_write_tokens: number | null;
    reasoning_tokens: number | null;
  };
  usage_source: 'provider' | 'estimated' | null;
  cost_usd: string | null;
  /** The per-call fees inside cost_usd. */
  fees: { kind: 'request' | 'web_search'; calls: number; fee_usd: string }[];
  /** What the answer cited, numbered from 1 in this order. */
  sources: AnswerSource[];
  error: string | null;
}

export function chatJson(finished: FinishedRequest): ChatJson {
  return {
    request_id: finished.requestId,
    status: finished.status,
    text: finished.text,
    reasoning_text: finished.reasoningText,
    usage: {
      input_tokens: finished.usage.inputTokens,
      output_tokens: finished.usage.outputTokens,
      cached_input_tokens: finished.usage.cachedInputTokens ?? null,
      cache_write_tokens: finished.usage.cacheWriteTokens ?? null,
      reasoning_tokens: finished.usage.reasoningTokens ?? null,
    },
    usage_source: finished.usageSource,
    cost_usd: finished.costNanos === null ? null : formatUsd(nanodollars(finished.costNanos)),
    fees: finished.fees.map((fee) => ({ kind: fee.kind === 'webSearch' ? 'web_search' : 'request', calls: fee.calls, fee_usd: formatUsd(nanodollars(fee.feeNanos)) })),
    sources: finished.sources,
    error: finished.error,
  };
}

/** For a call that never reached the provider (refused, misconfigured): same shape, nothing used. */
export function failureJson(requestId: string | null, status: string, error: string): ChatJson {
  return {
    request_id: requestId,
    status,
    text: '',
    reasoning_text: '',
    usage: { input_tokens: 0, output_tokens: 0, cached_input_tokens: null, cache_write_tokens: null, reasoning_tokens: null },
    usage_source: null,
    cost_usd: null,
    fees: [],
    sources: [],
    error,
  };
}

/** The one summary line printed to stderr after an answer. */
export function summaryLine(finished: FinishedRequest): string {
  const u = finished.usage;
  const parts = [
    `${finished.status}`,
    `in ${u.inputTokens} tokens (cached ${u.cachedInputTokens ?? 'n/a'}, cache write ${u.cacheWriteTokens ?? 'n/a'})`,
    `out ${u.outputTokens} tokens (reasoning ${u.reasoningTokens ?? 'n/a'})`,
    finished.usageSource === 'provider' ? 'usage reported by provider' : 'usage estimated',
    finished.costNanos === null ? 'cost: price unknown' : `cost ${formatUsdForDisplay(nanodollars(finished.costNanos))}${feesText(finished)}`,
    `request ${finished.requestId}`,
  ];
  return parts.join(' · ');
}

/** " (request fee $0.005)": the fees inside the cost, named as the window's chip names them. */
function feesText(finished: FinishedRequest): string {
  if (finished.fees.length === 0) return '';
  const named = finished.fees.map((fee) => {
    const what = fee.kind === 'request' ? 'request fee' : fee.calls === 1 ? '1 web search' : `${fee.calls} web searches`;
    return `${what} ${formatUsdForDisplay(nanodollars(fee.feeNanos))}`;
  });
  return ` (${named.join(', ')})`;
}

/** The answer's sources as the lines printed under it: "[1] Title <https://…>". */
export function sourceLines(sources: readonly AnswerSource[]): string {
  if (sources.length === 0) return '';
  const lines = sources.map((source, i) => `[${i + 1}] ${source.title ? `${source.title} <${source.url}>` : source.url}`);
  return `\nSources:\n${lines.join('\n')}\n`;
}
