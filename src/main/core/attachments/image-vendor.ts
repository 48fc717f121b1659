import type { ProviderKind } from '../providers/provider-types';
import type { ImageRuleVendor } from './image-token-estimate';
import { modelMaker } from './model-maker';

/**
 * Whose published rule prices (and sizes) an image sent to `model` through a provider of `kind`.
 * A router or compatible host passes the image on to the model's maker, whose rule then applies
 * ("anthropic/claude-…" → Anthropic's, "google/gemini-…" → Gemini's). xAI, Mistral, Perplexity and
 * Ollama publish no rule of their own in tiles or pixels; their APIs take OpenAI's image parts, and
 * OpenAI's tile rule stands in for them until the provider's usage arrives.
 */
export function imageRuleVendor(kind: ProviderKind, model: string): ImageRuleVendor {
  switch (kind) {
    case 'openai':
    case 'anthropic':
      return kind;
    case 'gemini':
      return 'gemini';
    case 'openrouter':
    case 'openai-compatible': {
      const maker = modelMaker(model);
      if (maker === 'anthropic') return 'anthropic';
      if (maker === 'google') return 'gemini';
      return 'openai';
    }
    case 'xai':
    case 'mistral':
    case 'perplexity':
    case 'ollama':
      return 'openai';
  }
}
