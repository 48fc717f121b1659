import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, sumKnown } from './usage-fields';

/** What Anthropic has reported so far: message_start's usage, then message_delta's. */
export interface AnthropicUsageReports {
  message_start?: JsonObject;
  message_delta?: JsonObject;
}

/**
 * Anthropic counts cache reads and writes apart from `input_tokens`; our input is their sum.
 * message_delta's counts are cumulative and win over message_start's where both are given.
 * Thinking tokens are inside `output_tokens` and not reported apart. `cache_creation` splits the
 * cache writes by lifetime (5 minutes, 1 hour), which are priced apart. `server_tool_use` counts
 * the web searches run for the answer, each billed at the search price.
 */
export function convertAnthropicUsage(reports: AnthropicUsageReports, raw: unknown = reports): ProviderUsage {
  const latest = (key: string) => countAt(reports.message_delta, key) ?? countAt(reports.message_start, key);
  const uncached = latest('input_tokens');
  const cacheWrite = latest('cache_creation_input_tokens');
  const cacheRead = latest('cache_read_input_tokens');
  const byLifetime = latestObject(reports, 'cache_creation');
  return compactUsage({
    inputTokens: uncached === undefined ? undefined : sumKnown(uncached, cacheWrite, cacheRead),
    outputTokens: latest('output_tokens'),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    cacheWrite5mTokens: countAt(byLifetime, 'ephemeral_5m_input_tokens'),
    cacheWrite1hTokens: countAt(byLifetime, 'ephemeral_1h_input_tokens'),
    webSearches: countAt(latestObject(reports, 'server_tool_use'), 'web_search_requests'),
    raw,
  });
}

function latestObject(reports: AnthropicUsageReports, key: string): JsonObject | undefined {
  return (reports.message_delta && objectAt(reports.message_delta, key)) ?? (reports.message_start && objectAt(reports.message_start, key));
}
