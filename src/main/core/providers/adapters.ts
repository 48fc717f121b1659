import type { ProtocolAdapter } from './adapter-types';
import { anthropicMessagesAdapter } from './anthropic-messages-adapter';
import { geminiAdapter } from './gemini-adapter';
import { ollamaChatAdapter } from './ollama-chat-adapter';
import { openAiChatAdapter } from './openai-chat-adapter';
import type { ProviderKind } from './provider-types';

/** Ollama reached through its OpenAI-style /v1 is an 'openai-compatible' endpoint. */
export function adapterFor(kind: ProviderKind): ProtocolAdapter {
  switch (kind) {
    case 'openai':
    case 'openrouter':
    case 'openai-compatible':
      return openAiChatAdapter(kind);
    case 'anthropic':
      return anthropicMessagesAdapter;
    case 'gemini':
      return geminiAdapter;
    case 'ollama':
      return ollamaChatAdapter;
  }
}
