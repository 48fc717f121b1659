import type { IncomingHttpHeaders } from 'node:http';
import type { FakeProtocol } from './scenario';

export interface Route {
  protocol: FakeProtocol;
  endpoint: 'chat' | 'models';
  stream: boolean;
  model: string;
}

const GEMINI_CHAT = /^\/v1beta\/(.+):(streamGenerateContent|generateContent)$/;

/** Which vendor API a request is for, by method and path (and a header where paths collide). */
export function routeOf(method: string, path: string, headers: IncomingHttpHeaders, body: unknown): Route | undefined {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const model = typeof fields.model === 'string' ? fields.model : '';
  if (method === 'POST') {
    if (path === '/v1/chat/completions') return { protocol: 'openai', endpoint: 'chat', stream: fields.stream === true, model };
    if (path === '/v1/responses') return { protocol: 'openai-responses', endpoint: 'chat', stream: fields.stream === true, model };
    if (path === '/v1/messages') return { protocol: 'anthropic', endpoint: 'chat', stream: fields.stream === true, model };
    if (path === '/api/chat') return { protocol: 'ollama', endpoint: 'chat', stream: fields.stream !== false, model };
    const gemini = GEMINI_CHAT.exec(path);
    if (gemini) {
      const name = decodeURIComponent(gemini[1] ?? '').replace(/^models\//, '');
      return { protocol: 'gemini', endpoint: 'chat', stream: gemini[2] === 'streamGenerateContent', model: name };
    }
  }
  if (method === 'GET') {
    // Anthropic's /v1/models and OpenAI's {base=/v1}/models share a path; Anthropic sends its version header.
    if (path === '/v1/models') {
      const protocol = headers['anthropic-version'] ? 'anthropic' : 'openai';
      return { protocol, endpoint: 'models', stream: false, model };
    }
    if (path === '/v1beta/models') return { protocol: 'gemini', endpoint: 'models', stream: false, model };
    if (path === '/api/tags') return { protocol: 'ollama', endpoint: 'models', stream: false, model };
  }
  return undefined;
}

/** The key a request presents, where each vendor expects it. */
export function presentedKey(protocol: FakeProtocol, headers: IncomingHttpHeaders, query: URLSearchParams): string {
  const bearer = (headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  if (protocol === 'anthropic') return String(headers['x-api-key'] ?? '');
  if (protocol === 'gemini') return String(headers['x-goog-api-key'] ?? query.get('key') ?? '');
  return bearer;
}
