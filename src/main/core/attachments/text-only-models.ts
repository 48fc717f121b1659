import { modelName } from './model-maker';

/**
 * Model families known to take text only: their vendors' model pages list no image input. Anything
 * else is assumed to take images, so a new model, or an unknown one on a self-hosted server, is not
 * refused here: its server decides. Matched on the model's own name (router prefix and Ollama tag
 * dropped).
 */
const TEXT_ONLY: readonly RegExp[] = [
  // OpenAI: GPT-3.5, GPT-4 before Turbo with vision (gpt-4-0613, gpt-4-1106-preview, gpt-4-32k),
  // o1-mini and o1-preview, o3-mini, the open-weight gpt-oss.
  /^gpt-3\.5/,
  /^gpt-4(?:-\d{4}(?:-preview)?|-32k(?:-\d{4})?|-turbo-preview)?$/,
  /^o1-(?:mini|preview)(?:-|$)/,
  /^o3-mini(?:-|$)/,
  /^gpt-oss(?:-|$)/,
  // Anthropic: Claude 2 and Instant.
  /^claude-(?:2|instant)(?:[.-]|$)/,
  // DeepSeek's API and open models: chat, reasoner, coder, R1, V2/V3.
  /^deepseek-(?:chat|reasoner|coder|r1|v[23])(?:[.-]|$)/,
  // Mistral: the code and text models, and versions of Small, Large, Ministral and Magistral
  // from before their vision releases (Small 3.1 2503, Large 3 2512, Ministral 3 2512, Magistral 1.2 2509).
  /^(?:codestral|devstral|open-mistral|open-mixtral|mistral-tiny|mistral-saba|mistral-embed|mistral-moderation)(?:-|$)/,
  /^mistral-small-(?:2402|2409|2501)$/,
  /^mistral-large-(?:2402|2407|2411)$/,
  /^ministral-(?:3b|8b)-2410$/,
  /^magistral-(?:small|medium)-(?:2506|2507)$/,
  // xAI: Grok 3 and its mini, Grok Code, Grok 2 without "-vision".
  /^grok-3(?:-|$)/,
  /^grok-code(?:-|$)/,
  /^grok-2(?:-\d{4})?$/,
  // Perplexity: the offline R1 model.
  /^r1-1776$/,
];

export function takesImages(model: string): boolean {
  const name = modelName(model);
  return !TEXT_ONLY.some((pattern) => pattern.test(name));
}
