import { usdNumberToNanodollars, type Nanodollars } from '../../../shared/money';
import type { ProviderUsage } from './provider-types';

/** Drops the counts a vendor did not report, so "unknown" reads as absent, never as 0. */
export function compactUsage(usage: ProviderUsage): ProviderUsage {
  const out: ProviderUsage = { raw: usage.raw };
  if (usage.inputTokens !== undefined) out.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) out.outputTokens = usage.outputTokens;
  if (usage.cachedInputTokens !== undefined) out.cachedInputTokens = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined) out.cacheWriteTokens = usage.cacheWriteTokens;
  if (usage.cacheWrite5mTokens !== undefined) out.cacheWrite5mTokens = usage.cacheWrite5mTokens;
  if (usage.cacheWrite1hTokens !== undefined) out.cacheWrite1hTokens = usage.cacheWrite1hTokens;
  if (usage.reasoningTokens !== undefined) out.reasoningTokens = usage.reasoningTokens;
  if (usage.providerCostNanos !== undefined) out.providerCostNanos = usage.providerCostNanos;
  if (usage.webSearches !== undefined) out.webSearches = usage.webSearches;
  if (usage.searchContextSize !== undefined) out.searchContextSize = usage.searchContextSize;
  if (usage.generationId !== undefined) out.generationId = usage.generationId;
  return out;
}

/** A sum of parts, unknown only when every part is unknown. */
export function sumKnown(...parts: Array<number | undefined>): number | undefined {
  let total: number | undefined;
  for (const part of parts) if (part !== undefined) total = (total ?? 0) + part;
  return total;
}

/**
 * A dollar amount a vendor sent as a JSON number. It is informational (our own price is the
 * ledger's), so one that cannot be read is left out rather than failing the call.
 */
export function dollarsToNanos(value: unknown): Nanodollars | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  try {
    // toFixed(9) rounds a float such as 0.30000000000000004 to whole nano-dollars first.
    return usdNumberToNanodollars(Number(value.toFixed(9)));
  } catch {
    return undefined;
  }
}
