import type { ProviderKind } from './provider-types';

/** The API hosts of vendors whose Chat Completions differ from OpenAI's in ways that change the meter. */
const VENDOR_HOSTS: Readonly<Record<string, ProviderKind>> = {
  'api.x.ai': 'xai',
  'api.mistral.ai': 'mistral',
  'api.perplexity.ai': 'perplexity',
};

/**
 * The vendor an 'openai-compatible' endpoint really is, by its host: people added xAI, Mistral
 * and Perplexity that way before they were kinds of their own, and their answers must still be
 * metered in the vendor's terms (xAI's 291 output tokens, not 1).
 */
export function vendorKindAt(baseUrl: string): ProviderKind | undefined {
  try {
    return VENDOR_HOSTS[new URL(baseUrl).hostname];
  } catch {
    return undefined;
  }
}
