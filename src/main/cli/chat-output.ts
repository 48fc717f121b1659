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
    finished.costNanos === null ? 'cost: price unknown' : `cost ${formatUsdForDisplay(nanodollars(finished.costNanos))}`,
    `request ${finished.requestId}`,
  ];
  return parts.join(' · ');
}
