import type { EndpointQuirks } from './provider-types';

/** Remembers, per base URL, servers that refuse OpenAI's stream_options, for this process's life. */
export function createMemoryQuirks(): EndpointQuirks {
  const refusing = new Set<string>();
  const key = (baseUrl: string) => baseUrl.replace(/\/+$/, '');
  return {
    rejectsStreamOptions: (baseUrl) => refusing.has(key(baseUrl)),
    markRejectsStreamOptions: (baseUrl) => void refusing.add(key(baseUrl)),
  };
}

export const defaultQuirks: EndpointQuirks = createMemoryQuirks();
