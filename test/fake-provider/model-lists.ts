import type { FakeProtocol } from './scenario';

export const defaultModels: Record<FakeProtocol, string[]> = {
  openai: ['gpt-4o-mini', 'gpt-4o', 'o4-mini'],
  'openai-responses': ['o3-pro', 'gpt-5-pro', 'gpt-5-codex'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
  gemini: ['gemini-2.5-flash', 'text-embedding-004', 'gemini-2.5-pro'],
  ollama: ['llama3.2:latest', 'qwen3:0.6b'],
};

/** Anthropic and Gemini page their listings; two a page makes every listing page. */
const PAGE = 2;

/** The listing body in each vendor's shape; `cursor` is the query's after_id / pageToken. */
export function modelListBody(protocol: FakeProtocol, ids: string[], query: URLSearchParams): unknown {
  switch (protocol) {
    case 'openai':
    case 'openai-responses':
      return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_735_689_600, owned_by: 'fake' })) };
    case 'anthropic': {
      const after = query.get('after_id');
      const start = after ? ids.indexOf(after) + 1 : 0;
      const page = ids.slice(start, start + PAGE);
      return {
        data: page.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
        has_more: start + PAGE < ids.length,
        first_id: page[0] ?? null,
        last_id: page[page.length - 1] ?? null,
      };
    }
    case 'gemini': {
      const start = Number(query.get('pageToken') ?? '0');
      const page = ids.slice(start, start + PAGE);
      return {
        models: page.map((id) => ({
          name: `models/${id}`,
          supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
        })),
        ...(start + PAGE < ids.length ? { nextPageToken: String(start + PAGE) } : {}),
      };
    }
    case 'ollama':
      return { models: ids.map((name) => ({ name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 1, details: {} })) };
  }
}
