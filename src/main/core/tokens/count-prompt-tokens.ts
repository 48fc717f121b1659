import { countWithTokenizer, type TokenCount } from './count-tokens';
import { modelTokenizer } from './model-tokenizer';
import type { TokenCountCache } from './token-count-cache';

export interface PromptMessage {
  role: string;
  content: string;
}

/**
 * OpenAI's chat format wraps every message as <|start|>{role}<|message|>{content}<|end|>: three
 * tokens beyond the role and content, and the reply is primed with <|start|>assistant<|message|>,
 * three more (OpenAI cookbook, "How to count tokens with tiktoken", for gpt-3.5 through gpt-4o).
 * Other vendors wrap messages differently and do not say how; the same overhead stands in for theirs.
 */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;

/** The prompt's input tokens for a chat call, as counted before sending it (pre-flight). */
export function countPromptTokens(
  model: string,
  messages: readonly PromptMessage[],
  cache?: TokenCountCache,
): TokenCount {
  const tokenizer = modelTokenizer(model);
  let tokens = REPLY_PRIMING_TOKENS;
  let exact = tokenizer.exact;
  for (const message of messages) {
    const role = countWithTokenizer(tokenizer, message.role, cache);
    const content = countWithTokenizer(tokenizer, message.content, cache);
    tokens += TOKENS_PER_MESSAGE + role.tokens + content.tokens;
    exact &&= role.exact && content.exact;
  }
  return { tokens, exact };
}
