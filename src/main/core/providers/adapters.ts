import type { ProtocolAdapter } from './adapter-types';
import { anthropicMessagesAdapter } from './anthropic-messages-adapter';
import { geminiAdapter } from './gemini-adapter';
import { ollamaChatAdapter } from './ollama-chat-adapter';
import { openAiChatAdapter } from './openai-chat-adapter';
import { openAiResponsesAdapterFor } from './openai-responses-adapter';
import type { ProviderEndpoint, WireApi } from './provider-types';
import { vendorKindAt } from './vendor-hosts';

/**
 * Ollama reached through its OpenAI-style /v1 is an 'openai-compatible' endpoint. Mistral and
 * Perplexity are called through Chat Completions, where their usage quirks are handled; xAI too,
 * except for web search, a Responses API tool since xAI removed Live Search from Chat Completions.
 */
export function adapterFor(endpoint: Pick<ProviderEndpoint, 'kind' | 'baseUrl'>, api: WireApi = 'chat'): ProtocolAdapter {
  const kind = endpoint.kind === 'openai-compatible' ? (vendorKindAt(endpoint.baseUrl) ?? endpoint.kind) : endpoint.kind;
  switch (kind) {
    case 'openai':
    case 'openrouter':
    case 'openai-compatible':
    case 'xai':
      return api === 'responses' ? openAiResponsesAdapterFor(kind) : openAiChatAdapter(kind);
    case 'mistral':
    case 'perplexity':
      return openAiChatAdapter(kind);
    case 'anthropic':
      return anthropicMessagesAdapter;
    case 'gemini':
      return geminiAdapter;
    case 'ollama':
      return ollamaChatAdapter;
  }
}
