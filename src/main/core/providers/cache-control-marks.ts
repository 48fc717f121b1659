import type { ChatMessage } from './provider-types';

/**
 * Anthropic's prompt cache: a `cache_control` breakpoint on a content block caches the whole
 * prompt up to and including it, so later turns read that prefix at the cache's price. Messages
 * the chat service marked (`cacheBreakpoint`) are sent as one text block that carries it.
 */
const EPHEMERAL = { type: 'ephemeral' } as const;

export function markedContent(message: ChatMessage): string | { type: 'text'; text: string; cache_control: typeof EPHEMERAL }[] {
  return message.cacheBreakpoint ? [{ type: 'text', text: message.content, cache_control: EPHEMERAL }] : message.content;
}

/** A message sent as several blocks caches up to its last one, so that is where the mark goes. */
export function markLastBlock<T extends object>(blocks: readonly T[], marked: boolean | undefined): (T | (T & { cache_control: typeof EPHEMERAL }))[] {
  if (!marked || blocks.length === 0) return [...blocks];
  return blocks.map((block, index) => (index === blocks.length - 1 ? { ...block, cache_control: EPHEMERAL } : block));
}

/** Anthropic's top-level `system`: plain text, or one marked block when the system prompt is cached. */
export function anthropicSystem(messages: readonly ChatMessage[]): Record<string, unknown> {
  const system = messages.filter((m) => m.role === 'system');
  if (system.length === 0) return {};
  const text = system.map((m) => m.content).join('\n\n');
  return { system: system.some((m) => m.cacheBreakpoint) ? [{ type: 'text', text, cache_control: EPHEMERAL }] : text };
}

/** OpenRouter passes `cache_control` in content parts through to Anthropic (its documented way). */
export function openRouterMessage(message: ChatMessage): { role: ChatMessage['role']; content: ReturnType<typeof markedContent> } {
  return { role: message.role, content: markedContent(message) };
}
