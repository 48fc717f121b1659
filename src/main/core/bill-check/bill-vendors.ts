import type { BillVendorName } from '../../../shared/contract/bill-check-contract';
import type { ProviderKind } from '../providers/provider-types';
import { ANTHROPIC_ENDPOINTS } from './anthropic-account';
import { DEEPSEEK_ENDPOINTS } from './deepseek-account';
import { OPENAI_ENDPOINTS } from './openai-account';
import { OPENROUTER_ENDPOINTS } from './openrouter-account';

export interface VendorFacts {
  name: string;
  /** Method and path, relative to where the vendor's API is rooted. */
  endpoints: readonly string[];
  /** The organization's reports need an admin key; the others are read with the chat key. */
  adminKey: { envVar: string } | null;
  scopeName: string | null;
  /** Where the paths above are rooted, from the provider's base URL. */
  root(baseUrl: string): string;
  note: string | null;
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

export const VENDORS: Record<BillVendorName, VendorFacts> = {
  openai: {
    name: 'OpenAI',
    endpoints: OPENAI_ENDPOINTS,
    adminKey: { envVar: 'OPENAI_ADMIN_KEY' },
    scopeName: 'project id',
    root: trimmed,
    note: null,
  },
  anthropic: {
    name: 'Anthropic',
    endpoints: ANTHROPIC_ENDPOINTS.map((e) => e.replace('/v1', '')),
    adminKey: { envVar: 'ANTHROPIC_ADMIN_KEY' },
    scopeName: 'workspace id',
    root: (baseUrl) => `${trimmed(baseUrl)}/v1`,
    note: null,
  },
  openrouter: {
    name: 'OpenRouter',
    endpoints: OPENROUTER_ENDPOINTS,
    adminKey: null,
    scopeName: null,
    root: trimmed,
    note: "OpenRouter bills per request: each day compares the requests whose cost OpenRouter told; between two checks, the credits' usage beyond Tallychat's requests is other apps' or keys'.",
  },
  deepseek: {
    name: 'DeepSeek',
    endpoints: DEEPSEEK_ENDPOINTS,
    adminKey: null,
    scopeName: null,
    root: (baseUrl) => trimmed(baseUrl).replace(/\/v1$/, ''),
    note: "DeepSeek's account API reports a balance only: there are no daily figures to compare.",
  },
};

/** Which account API a provider of this kind reads; an OpenAI-compatible endpoint must name it (DeepSeek). */
export function vendorOfKind(kind: ProviderKind): BillVendorName | null {
  if (kind === 'openai' || kind === 'anthropic' || kind === 'openrouter') return kind;
  return null;
}

/** The full URLs named in Settings before the check is enabled. */
export function endpointUrls(vendor: BillVendorName, baseUrl: string): string[] {
  const facts = VENDORS[vendor];
  return facts.endpoints.map((endpoint) => {
    const space = endpoint.indexOf(' ');
    return `${endpoint.slice(0, space)} ${facts.root(baseUrl)}${endpoint.slice(space + 1)}`;
  });
}
