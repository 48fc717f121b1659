import { z } from 'zod';
import { endpointUrl, type WireRequest } from './adapter-types';
import { CallControl } from './call-control';
import { resolveCallOptions } from './call-options';
import { connectTimeoutError, errorContext, idleTimeoutError, unexpectedEventError } from './error-factory';
import { sendWithRetry, type Transport } from './http-transport';
import type { CallOptions, ProviderEndpoint } from './provider-types';

/** Far more than any provider has; a guard against a server that pages forever. */
const MAX_PAGES = 20;

const openAiList = z.object({ data: z.array(z.object({ id: z.string() })) });
const anthropicList = z.object({
  data: z.array(z.object({ id: z.string() })),
  has_more: z.boolean().optional(),
  last_id: z.string().nullish(),
});
const geminiList = z.object({
  models: z.array(z.object({ name: z.string(), supportedGenerationMethods: z.array(z.string()).optional() })).optional(),
  nextPageToken: z.string().optional(),
});
const ollamaTags = z.object({ models: z.array(z.object({ name: z.string() })) });

interface Page {
  ids: string[];
  next?: string | undefined;
}

/**
 * The model ids an endpoint offers, in the server's order. Failures are thrown as
 * ProviderError; an abort rethrows the signal's reason.
 */
export async function listModels(endpoint: ProviderEndpoint, options: CallOptions = {}): Promise<string[]> {
  const resolved = resolveCallOptions(options);
  const ctx = errorContext(endpoint);
  const control = new CallControl(options.signal);
  const transport: Transport = { ctx, control, options: resolved, subject: 'endpoint' };
  const pager = pagerFor(endpoint);
  try {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await sendWithRetry(pager.request(cursor), transport);
      const text = await control.within(resolved.idleTimeoutMs, 'idle-timeout', () => response.text());
      const parsed = pager.read(text);
      if (!parsed) throw unexpectedEventError(ctx, text);
      ids.push(...parsed.ids);
      cursor = parsed.next;
      if (!cursor) break;
    }
    return ids;
  } catch (error) {
    if (control.cause === 'user') throw options.signal?.reason ?? error;
    if (control.cause === 'connect-timeout') throw connectTimeoutError(ctx, resolved.connectTimeoutMs);
    if (control.cause === 'idle-timeout') throw idleTimeoutError(ctx, resolved.idleTimeoutMs);
    throw error;
  } finally {
    control.dispose();
  }
}

interface Pager {
  request(cursor: string | undefined): WireRequest;
  read(text: string): Page | undefined;
}

function pagerFor(endpoint: ProviderEndpoint): Pager {
  const key = endpoint.apiKey;
  const get = (path: string, auth: Record<string, string>): WireRequest => ({
    method: 'GET',
    url: endpointUrl(endpoint.baseUrl, path),
    headers: { accept: 'application/json', ...auth, ...endpoint.extraHeaders },
  });
  switch (endpoint.kind) {
    case 'anthropic':
      return {
        request: (after) =>
          get(`/v1/models?limit=1000${after ? `&after_id=${encodeURIComponent(after)}` : ''}`, {
            'anthropic-version': '2023-06-01',
            ...(key ? { 'x-api-key': key } : {}),
          }),
        read: (text) =>
          parse(anthropicList, text, (b) => ({
            ids: b.data.map((m) => m.id),
            next: b.has_more ? (b.last_id ?? undefined) : undefined,
          })),
      };
    case 'gemini':
      return {
        request: (token) =>
          get(`/v1beta/models?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`, {
            ...(key ? { 'x-goog-api-key': key } : {}),
          }),
        // Embedding-only models cannot chat, so only generateContent models are listed.
        read: (text) =>
          parse(geminiList, text, (b) => ({
            ids: (b.models ?? [])
              .filter((m) => m.supportedGenerationMethods?.includes('generateContent') ?? true)
              .map((m) => m.name.replace(/^models\//, '')),
            next: b.nextPageToken || undefined,
          })),
      };
    case 'ollama':
      return {
        request: () => get('/api/tags', key ? { authorization: `Bearer ${key}` } : {}),
        read: (text) => parse(ollamaTags, text, (b) => ({ ids: b.models.map((m) => m.name) })),
      };
    case 'openai':
    case 'openrouter':
    case 'xai':
    case 'mistral':
    case 'perplexity':
    case 'openai-compatible':
      return {
        request: () => get('/models', key ? { authorization: `Bearer ${key}` } : {}),
        read: (text) => parse(openAiList, text, (b) => ({ ids: b.data.map((m) => m.id) })),
      };
  }
}

function parse<S extends z.ZodType, T>(schema: S, text: string, pick: (body: z.infer<S>) => T): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(json);
  return result.success ? pick(result.data) : undefined;
}
