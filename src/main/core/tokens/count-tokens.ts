import { countInEncoding } from './encodings';
import { modelTokenizer, type ModelTokenizer } from './model-tokenizer';
import type { TokenCountCache } from './token-count-cache';

/** exact: the model's own tokenizer counted it (OpenAI families); otherwise an estimate. */
export interface TokenCount {
  tokens: number;
  exact: boolean;
}

/** How many tokens `text` is for `model`. A cache, when given, spares re-tokenizing known texts. */
export function countTextTokens(model: string, text: string, cache?: TokenCountCache): TokenCount {
  return countWithTokenizer(modelTokenizer(model), text, cache);
}

/** For callers that count many texts for one model and resolve its tokenizer once. */
export function countWithTokenizer(tokenizer: ModelTokenizer, text: string, cache?: TokenCountCache): TokenCount {
  let encoded = cache?.get(tokenizer.encoding, text);
  if (encoded === undefined) {
    encoded = countInEncoding(tokenizer.encoding, text);
    cache?.set(tokenizer.encoding, text, encoded);
  }
  // Rounded up per text: an estimate that errs, errs towards refusing, not overspending.
  const tokens = tokenizer.perMille === 1000 ? encoded.tokens : Math.ceil((encoded.tokens * tokenizer.perMille) / 1000);
  return { tokens, exact: tokenizer.exact && encoded.exact };
}
