import type { ProviderKind, WireApi } from '../providers/provider-types';
import type { ModelSettings } from './provider-store';

/**
 * OpenAI serves these only through the Responses API (Chat Completions answers 404 for them):
 * o1-pro, o3-pro, gpt-5-pro, gpt-5.2-pro, the codex and deep-research models, computer-use.
 */
const RESPONSES_ONLY: readonly RegExp[] = [/^o\d+-pro\b/, /^gpt-\d+(\.\d+)?-pro\b/, /codex/, /deep-research/, /^computer-use/];

/** Kinds whose servers may speak both of OpenAI's APIs; the others have one. */
const TWO_API_KINDS: ReadonlySet<ProviderKind> = new Set<ProviderKind>(['openai', 'openrouter', 'openai-compatible']);

export function speaksTwoApis(kind: ProviderKind): boolean {
  return TWO_API_KINDS.has(kind);
}

/**
 * The API a model is called through: the user's choice for the model, else the Responses API for
 * OpenAI's models that exist only there, else Chat Completions, which every OpenAI-compatible
 * server speaks and OpenAI's other models still answer.
 */
export function wireApiFor(kind: ProviderKind, model: string, settings: ModelSettings | undefined): WireApi {
  if (!TWO_API_KINDS.has(kind)) return 'chat';
  if (settings?.api !== undefined) return settings.api;
  return kind === 'openai' && RESPONSES_ONLY.some((pattern) => pattern.test(model)) ? 'responses' : 'chat';
}
