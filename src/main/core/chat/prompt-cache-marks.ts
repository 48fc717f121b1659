import type { ChatMessage, ProviderKind } from '../providers/provider-types';

/**
 * Anthropic caches a prompt prefix only from a model's documented minimum length on; a shorter
 * marked prefix is billed as usual, so marking it would only promise a saving that cannot come.
 */
const MINIMUMS: readonly [RegExp, number][] = [
  [/claude-(opus-4-[5-9]|haiku-4)/, 4096],
  [/claude-(sonnet-4-[6-9]|3-5-haiku|3-haiku|haiku-3)/, 2048],
];
const DEFAULT_MINIMUM = 1024;

export function cacheMinimumTokens(model: string): number {
  return MINIMUMS.find(([pattern]) => pattern.test(model))?.[1] ?? DEFAULT_MINIMUM;
}

/** Anthropic itself, and OpenRouter's routes to it, read `cache_control` breakpoints. */
export function takesCacheBreakpoints(kind: ProviderKind, model: string): boolean {
  return kind === 'anthropic' || (kind === 'openrouter' && model.startsWith('anthropic/'));
}

/**
 * Marks the stable prefix of a conversation for the provider's cache: the system prompt, and the
 * last message before the new user turn (which caches everything up to it, so the next turn
 * reads it back at the cache's price). Each mark is set only when its prefix reaches the model's
 * minimum; `countTokens` counts a list of messages as the pre-flight does.
 */
export function markStablePrefix(
  kind: ProviderKind,
  model: string,
  messages: readonly ChatMessage[],
  countTokens: (prefix: readonly ChatMessage[]) => number,
): ChatMessage[] {
  if (!takesCacheBreakpoints(kind, model) || messages.length < 2) return [...messages];
  const minimum = cacheMinimumTokens(model);
  const systemCount = messages.filter((m) => m.role === 'system').length;
  const systemLongEnough = systemCount > 0 && countTokens(messages.filter((m) => m.role === 'system')) >= minimum;
  const lastStable = messages.length - 2;
  const prefixLongEnough = lastStable >= 0 && messages[lastStable]?.role !== 'system' && countTokens(messages.slice(0, lastStable + 1)) >= minimum;
  return messages.map((message, index) => {
    const mark = (message.role === 'system' && systemLongEnough) || (index === lastStable && prefixLongEnough);
    return mark ? { ...message, cacheBreakpoint: true } : message;
  });
}
