/** Whose model it is, as far as its attachment rules go; 'other' for open models and unknown ids. */
export type ModelMaker = 'openai' | 'anthropic' | 'google' | 'xai' | 'mistral' | 'other';

/** OpenRouter's and most routers' "maker/model" prefixes. */
const PREFIXES: Readonly<Record<string, ModelMaker>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  'x-ai': 'xai',
  mistralai: 'mistral',
};

const FAMILIES: readonly { readonly pattern: RegExp; readonly maker: ModelMaker }[] = [
  { pattern: /^(?:gpt-|chatgpt-|o\d(?:-|$)|codex-)/, maker: 'openai' },
  { pattern: /^claude-/, maker: 'anthropic' },
  { pattern: /^gemini-/, maker: 'google' },
  { pattern: /^grok-/, maker: 'xai' },
  { pattern: /^(?:mistral-|open-mistral|open-mixtral|pixtral-|codestral|ministral-|magistral-|devstral)/, maker: 'mistral' },
];

/**
 * The maker of a model a router or an OpenAI-compatible host serves: its id's prefix when it has
 * one ("anthropic/claude-sonnet-4"), else its family name ("claude-sonnet-4" on a proxy).
 */
export function modelMaker(model: string): ModelMaker {
  const id = model.trim().toLowerCase();
  const slash = id.indexOf('/');
  if (slash > 0) {
    const byPrefix = PREFIXES[id.slice(0, slash)];
    if (byPrefix) return byPrefix;
  }
  const name = modelName(id);
  return FAMILIES.find((family) => family.pattern.test(name))?.maker ?? 'other';
}

/** The model's own name: a router's prefix and an Ollama tag (":8b") dropped, lower-cased. */
export function modelName(model: string): string {
  const id = model.trim().toLowerCase();
  const name = id.slice(id.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon > 0 ? name.slice(0, colon) : name;
}
