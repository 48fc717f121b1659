import { findProvider } from '@pydantic/genai-prices';
import type { ProviderKind } from '../providers/provider-types';

/** One way to ask the catalog for a model; providerId undefined lets the catalog guess by model name. */
export interface CatalogQuery {
  providerId?: string;
  model: string;
}

/** Default ports of servers that run models on the user's own machine or network. */
const LOCAL_SERVER_PORTS = new Set(['1234' /* LM Studio */, '11434' /* Ollama */]);

/**
 * Where to look a model up, in order, or 'local' for a model that runs on hardware the user owns
 * (metered in tokens, costing nothing). Ollama is always local; so is an OpenAI-compatible server
 * on the loopback address or on LM Studio's or Ollama's port. A paying proxy on localhost (a
 * LiteLLM gateway) is mistaken for local: the user's own price override is the fix for that.
 */
export function catalogLookup(
  kind: ProviderKind,
  model: string,
  baseUrl?: string,
  vendorAt: VendorByHost = bundledVendorAt,
): 'local' | CatalogQuery[] {
  switch (kind) {
    case 'openai':
      return [{ providerId: 'openai', model }];
    case 'anthropic':
      return [{ providerId: 'anthropic', model }];
    case 'gemini':
      // The Gemini API names models "models/gemini-2.5-pro"; the catalog knows "gemini-2.5-pro".
      return [{ providerId: 'google', model: model.replace(/^models\//, '') }];
    case 'openrouter':
      return [{ providerId: 'openrouter', model }];
    case 'xai':
      return [{ providerId: 'x-ai', model }];
    case 'mistral':
      return [{ providerId: 'mistral', model }];
    case 'perplexity':
      return [{ providerId: 'perplexity', model }];
    case 'ollama':
      return 'local';
    case 'openai-compatible':
      return compatibleLookup(model, baseUrl === undefined ? undefined : parseUrl(baseUrl), vendorAt);
  }
}

/** The catalog provider whose API host a URL is on, in the catalog data in use. */
export type VendorByHost = (href: string) => { id: string } | undefined;

const bundledVendorAt: VendorByHost = (href) => findProvider({ providerApiUrl: href });

function compatibleLookup(model: string, url: URL | undefined, vendorAt: VendorByHost): 'local' | CatalogQuery[] {
  if (url !== undefined && isLocalServer(url)) return 'local';
  // A known vendor host (api.deepseek.com, api.groq.com…) is priced as that vendor and only it:
  // a model it does not list is unpriced, not priced at another vendor's rate.
  const vendor = url === undefined ? undefined : vendorAt(url.href);
  if (vendor !== undefined) return [{ providerId: vendor.id, model }];
  // An unknown host (a gateway, a self-hosted server): the model name is the only clue, either
  // by the catalog's own name rules ("gpt-4o" is OpenAI's) or by a "vendor/model" prefix.
  const queries: CatalogQuery[] = [{ model }];
  const slash = model.indexOf('/');
  if (slash > 0) queries.push({ providerId: model.slice(0, slash), model: model.slice(slash + 1) });
  return queries;
}

function isLocalServer(url: URL): boolean {
  const host = url.hostname;
  const loopback =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return loopback || LOCAL_SERVER_PORTS.has(url.port);
}

/** URL parsing lower-cases the scheme and host, which the catalog's host patterns expect. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}
