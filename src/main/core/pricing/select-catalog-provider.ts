import type { MatchLogic, Provider, ProviderFindOptions } from '@pydantic/genai-prices';

/**
 * The catalog's provider choice, over a data set we hold instead of the package's own: its
 * findProvider reads only its process-wide data, and our loaded data belongs to one data folder.
 * The rules are the package's: an id (or its provider_match), else the API host, else the model name.
 */
export function selectCatalogProvider(providers: readonly Provider[], options: ProviderFindOptions): Provider | undefined {
  if (options.providerId !== undefined) {
    const id = options.providerId.toLowerCase().trim();
    return providers.find((p) => p.id === id) ?? providers.find((p) => p.provider_match && matches(p.provider_match, id));
  }
  if (options.providerApiUrl !== undefined) {
    const url = options.providerApiUrl;
    return providers.find((p) => new RegExp(`^(?:${p.api_pattern})`).test(url));
  }
  if (options.modelId !== undefined) {
    const model = options.modelId;
    return providers.find((p) => p.model_match && matches(p.model_match, model));
  }
  return undefined;
}

function matches(logic: MatchLogic, text: string): boolean {
  const value = text.toLowerCase();
  if ('or' in logic) return logic.or.some((part) => matches(part, text));
  if ('and' in logic) return logic.and.every((part) => matches(part, text));
  if ('equals' in logic) return value === logic.equals.toLowerCase();
  if ('starts_with' in logic) return value.startsWith(logic.starts_with.toLowerCase());
  if ('ends_with' in logic) return value.endsWith(logic.ends_with.toLowerCase());
  if ('contains' in logic) return value.includes(logic.contains.toLowerCase());
  return new RegExp(logic.regex).test(text);
}
