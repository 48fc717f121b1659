import { countAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage } from './usage-fields';

/**
 * Ollama's final object counts prompt and generated tokens. It leaves `prompt_eval_count` out
 * when the whole prompt came from its cache, so input may be unknown (the caller estimates).
 */
export function convertOllamaUsage(final: JsonObject): ProviderUsage {
  const raw: JsonObject = {};
  for (const key of ['prompt_eval_count', 'eval_count', 'prompt_eval_duration', 'eval_duration', 'total_duration']) {
    if (final[key] !== undefined) raw[key] = final[key];
  }
  return compactUsage({
    inputTokens: countAt(final, 'prompt_eval_count'),
    outputTokens: countAt(final, 'eval_count'),
    raw,
  });
}
