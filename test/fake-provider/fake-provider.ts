import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerFor } from './answer';
import { defaultModels, modelListBody } from './model-lists';
import { replay } from './replay';
import { presentedKey, routeOf, type Route } from './routes';
import { scenarioSchema, type RecordedRequest, type Scenario } from './scenario';
import { STREAM_OPTIONS_REFUSAL, wireFormats } from './wire-formats';

export interface FakeProvider {
  /** http://127.0.0.1:PORT; OpenAI-style clients use `${baseUrl}/v1`. */
  baseUrl: string;
  enqueue(scenario: Scenario): void;
  /** Every provider request so far, in order (control requests excluded). */
  requests: RecordedRequest[];
  /** Empties the queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeProviderOptions {
  /** Default: a free port. */
  port?: number;
  /** Every request must present this key, unless its scenario sets expectApiKey. */
  apiKey?: string;
}

interface Queued {
  scenario: Scenario;
  left: number;
}

/**
 * A provider stand-in on 127.0.0.1 that answers in each vendor's exact wire format: OpenAI Chat
 * Completions (and its OpenRouter, DeepSeek, xAI, Mistral and Perplexity flavors), OpenAI
 * Responses, Anthropic Messages, Gemini and Ollama.
 * Scenarios queued here (or through POST /__control/enqueue) shape the next answers.
 */
export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const queue: Queued[] = [];
  const requests: RecordedRequest[] = [];

  const take = (route: Route, body: unknown): Scenario => {
    const index = queue.findIndex(
      (q) => (q.scenario.protocol ?? route.protocol) === route.protocol && (q.scenario.endpoint ?? 'chat') === route.endpoint,
    );
    const queued = queue[index];
    if (!queued) return {};
    const refusing = queued.scenario.fault?.kind === 'reject-stream-options' && hasStreamOptions(body);
    if (!refusing && --queued.left === 0) queue.splice(index, 1);
    return queued.scenario;
  };

  const enqueue = (scenario: Scenario) => queue.push({ scenario, left: scenario.times ?? 1 });
  const reset = () => {
    queue.length = 0;
    requests.length = 0;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `fake provider failed: ${String(error)}` });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readBody(req);
    const body = parseBody(text);
    if (url.pathname.startsWith('/__control/')) return control(req.method ?? '', url.pathname, body, res);
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: flatHeaders(req), body });

    const route = routeOf(req.method ?? '', url.pathname, req.headers, body);
    if (!route) return sendJson(res, 404, { error: `the fake provider has no ${req.method} ${url.pathname}` });
    const scenario = take(route, body);
    const wire = wireFormats[route.protocol];

    const expected = scenario.expectApiKey ?? options.apiKey;
    const presented = presentedKey(route.protocol, req.headers, url.searchParams);
    if (expected !== undefined && presented !== expected) {
      const rejection = wire.keyRejection(presented);
      return sendJson(res, rejection.status, rejection.body);
    }
    const fault = scenario.fault;
    if (fault?.kind === 'no-headers') return;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      return sendJson(res, fault.status, wire.error(fault.status, route.model, fault.message), headers);
    }
    if (fault?.kind === 'reject-stream-options' && hasStreamOptions(body)) return sendJson(res, 400, STREAM_OPTIONS_REFUSAL);
    if (fault?.kind === 'html-page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><head><title>Sign in to the network</title></head><body>Log in</body></html>\n');
    }

    if (route.endpoint === 'models') {
      const list = modelListBody(route.protocol, scenario.models ?? defaultModels[route.protocol], url.searchParams);
      return replay(res, [JSON.stringify(list)], 'application/json', scenario);
    }
    const answer = answerFor(route.protocol, body, route.model, scenario);
    if (route.stream) return replay(res, wire.stream(answer), wire.streamContentType, scenario);
    return replay(res, [JSON.stringify(wire.whole(answer))], 'application/json', scenario);
  }

  function control(method: string, path: string, body: unknown, res: ServerResponse): void {
    if (method === 'POST' && path === '/__control/enqueue') {
      const parsed = scenarioSchema.array().safeParse(Array.isArray(body) ? body : [body]);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      parsed.data.forEach(enqueue);
      return sendJson(res, 200, { queued: parsed.data.length });
    }
    if (method === 'GET' && path === '/__control/requests') return sendJson(res, 200, requests);
    if (method === 'POST' && path === '/__control/reset') {
      reset();
      return sendJson(res, 200, { reset: true });
    }
    sendJson(res, 404, { error: `no control endpoint ${method} ${path}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    enqueue,
    requests,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled and kept-alive connections would hold close() open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hasStreamOptions(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'stream_options' in body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
