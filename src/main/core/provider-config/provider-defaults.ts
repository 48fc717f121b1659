import type { ProviderKind } from '../providers/provider-types';

export const PROVIDER_KINDS: readonly ProviderKind[] = [
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'xai',
  'mistral',
  'perplexity',
  'ollama',
  'openai-compatible',
];

export interface ProviderKindDefaults {
  displayName: string;
  /** Undefined for openai-compatible: the user names the endpoint. */
  baseUrl?: string;
  /** The variable the vendor's own tools read, so a key people already set just works. */
  keyEnvVar?: string;
  needsKey: boolean;
}

export const PROVIDER_DEFAULTS: Record<ProviderKind, ProviderKindDefaults> = {
  openai: { displayName: 'OpenAI', baseUrl: 'https://api.openai.com/v1', keyEnvVar: 'OPENAI_API_KEY', needsKey: true },
  anthropic: { displayName: 'Anthropic', baseUrl: 'https://api.anthropic.com', keyEnvVar: 'ANTHROPIC_API_KEY', needsKey: true },
  gemini: { displayName: 'Gemini', baseUrl: 'https://generativelanguage.googleapis.com', keyEnvVar: 'GEMINI_API_KEY', needsKey: true },
  openrouter: { displayName: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', keyEnvVar: 'OPENROUTER_API_KEY', needsKey: true },
  xai: { displayName: 'xAI', baseUrl: 'https://api.x.ai/v1', keyEnvVar: 'XAI_API_KEY', needsKey: true },
  mistral: { displayName: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', keyEnvVar: 'MISTRAL_API_KEY', needsKey: true },
  perplexity: { displayName: 'Perplexity', baseUrl: 'https://api.perplexity.ai', keyEnvVar: 'PERPLEXITY_API_KEY', needsKey: true },
  ollama: { displayName: 'Ollama', baseUrl: 'http://127.0.0.1:11434', needsKey: false },
  'openai-compatible': { displayName: 'OpenAI-compatible', needsKey: false },
};

export function isProviderKind(value: string): value is ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(value);
}
