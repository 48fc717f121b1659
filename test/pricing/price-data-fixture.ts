import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small genai-prices data file (the v2 data.json shape: a list of providers) with every
 * provider Tallychat prices by kind, and gpt-4o at the prices given (USD per MTok).
 */
export function priceDataText(gpt4o: { input: number; cacheRead: number; output: number }): string {
  const simple = (id: string, name: string, host: string, model: string) => ({
    id,
    name,
    api_pattern: host,
    models: [{ id: model, match: { equals: model }, prices: { input_mtok: 1, output_mtok: 2 } }],
  });
  return JSON.stringify([
    {
      id: 'openai',
      name: 'OpenAI',
      api_pattern: 'https://api\\.openai\\.com',
      model_match: { starts_with: 'gpt-' },
      models: [
        {
          id: 'gpt-4o',
          match: { or: [{ equals: 'gpt-4o' }, { starts_with: 'gpt-4o-2' }] },
          prices: { input_mtok: gpt4o.input, cache_read_mtok: gpt4o.cacheRead, output_mtok: gpt4o.output },
        },
      ],
    },
    simple('anthropic', 'Anthropic', 'https://api\\.anthropic\\.com', 'claude-sonnet-4-5'),
    simple('google', 'Google', 'https://generativelanguage\\.googleapis\\.com', 'gemini-2.5-flash'),
    simple('openrouter', 'OpenRouter', 'https://openrouter\\.ai', 'openai/gpt-4o'),
    simple('x-ai', 'xAI', 'https://api\\.x\\.ai', 'grok-3-mini'),
    simple('mistral', 'Mistral', 'https://api\\.mistral\\.ai', 'mistral-large-latest'),
    simple('perplexity', 'Perplexity', 'https://api\\.perplexity\\.ai', 'sonar'),
  ]);
}

/** A price server on 127.0.0.1: each path answers the body (or status) it was given. */
export async function startPriceServer(routes: Record<string, { status?: number; body: string }>): Promise<{ url: (path: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    response.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': 'application/json' });
    response.end(route?.body ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
