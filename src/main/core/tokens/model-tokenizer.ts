import type { EncodingName } from './encodings';

/**
 * How to count a model's tokens: an encoding, whether its count is the model's own, and for
 * other families a factor (per mille) that scales the o200k count up to an estimate.
 */
export interface ModelTokenizer {
  encoding: EncodingName;
  exact: boolean;
  perMille: number;
}

/** OpenAI's older chat and embedding models; every later one (4o, 4.1, 4.5, 5, o-series, oss) is o200k. */
const CL100K_MODELS = /^(?:gpt-4(?:-|$)|gpt-3\.5|gpt-35|text-embedding-)/;
const OPENAI_MODELS = /^(?:gpt-|chatgpt-|o\d|text-embedding-)/;

/**
 * Other families' tokenizers are not available here (Anthropic's and Google's are not public), so
 * their counts are o200k counts scaled up, per mille. The factors lean high on purpose: the
 * estimate guards a spending cap before the call, and the provider's own usage replaces it after.
 */
const ESTIMATED_FAMILIES: readonly { pattern: RegExp; perMille: (name: string) => number }[] = [
  { pattern: /claude/, perMille: claudePerMille },
  // Gemini and Gemma share a 256k-entry SentencePiece vocabulary: a few percent more tokens than
  // o200k on English and code, fewer on CJK and Indic scripts. 1.10 covers the English side.
  { pattern: /gemini|gemma/, perMille: () => 1100 },
  // Llama 3 and 4 use a 128k byte-level BPE that extends cl100k's merges, DeepSeek V3/R1 a 128k
  // BPE and Qwen a 151k BPE built on cl100k: all within about 10% of o200k on English and code.
  { pattern: /llama|deepseek|qwen|qwq/, perMille: () => 1100 },
  // Mistral's Tekken tokenizer (131k, since NeMo) is close to o200k, but Mistral 7B and Mixtral
  // still use a 32k SentencePiece vocabulary that needs roughly 20-30% more tokens.
  { pattern: /mistral|mixtral|ministral|codestral|pixtral|magistral|devstral/, perMille: () => 1200 },
];

/** A family we cannot name: as cautious as the common Claude models. */
const UNKNOWN_FAMILY_PER_MILLE = 1250;

export function modelTokenizer(model: string): ModelTokenizer {
  const name = model.trim().toLowerCase();
  // Routers and gateways prefix the vendor ("openai/gpt-4o"); the last segment names the model.
  const bareName = name.slice(name.lastIndexOf('/') + 1);
  if (OPENAI_MODELS.test(bareName)) {
    return { encoding: CL100K_MODELS.test(bareName) ? 'cl100k_base' : 'o200k_base', exact: true, perMille: 1000 };
  }
  const family = ESTIMATED_FAMILIES.find((f) => f.pattern.test(name));
  return { encoding: 'o200k_base', exact: false, perMille: family?.perMille(name) ?? UNKNOWN_FAMILY_PER_MILLE };
}

/** "claude-3-5-sonnet", "claude-opus-4.7", "claude-sonnet-4-20250514" (4, not 4.20). */
const CLAUDE_VERSION = /claude-(?:[a-z]+-)?(\d+)(?:[-.](\d{1,2})(?!\d))?/;

/**
 * Side-by-side counts of identical prompts found Claude 3.5 Sonnet using about 16% more tokens
 * than GPT-4o on English prose, 21% on maths and 30% on Python: 1.25 for chat mixed with code.
 * Claude Opus 4.7 brought a new tokenizer that Anthropic puts at 1.0-1.35x the tokens of Opus
 * 4.6, and independent counts through its count_tokens endpoint found 1.2-1.47x (English prose
 * highest): 1.25 x 1.3 gives 1.6 from 4.7 on, and for a Claude whose version cannot be read.
 */
function claudePerMille(name: string): number {
  const match = CLAUDE_VERSION.exec(name);
  if (match === null) return 1600;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major < 4 || (major === 4 && minor < 7) ? 1250 : 1600;
}
