import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OpenAI cost result, as the Costs API groups it by line item and project. */
export interface OpenAiCost {
  day: string;
  lineItem: string | null;
  projectId: string | null;
  /** Dollars, as OpenAI sends them: a JSON number. */
  value: number;
}

export interface OpenAiUsage {
  day: string;
  apiKeyId: string;
  model: string;
  input: number;
  output: number;
  requests: number;
}

/** One Anthropic cost-report result: `amount` in cents as a decimal string. */
export interface AnthropicCost {
  day: string;
  workspaceId: string | null;
  model: string | null;
  description: string;
  cents: string;
}

export interface AnthropicUsage {
  day: string;
  apiKeyId: string | null;
  model: string;
  uncached: number;
  cacheRead: number;
  cacheWrite5m: number;
  output: number;
}

export interface FakeAccountData {
  openaiCosts: OpenAiCost[];
  openaiUsage: OpenAiUsage[];
  anthropicCosts: AnthropicCost[];
  anthropicUsage: AnthropicUsage[];
  openrouterCredits: { total_credits: number; total_usage: number };
  /** Generation id → total_cost in dollars; an id not here answers 404, as a generation OpenRouter has no stats for yet. */
  openrouterGenerations: Record<string, number>;
  deepseekBalances: { currency: string; total_balance: string; granted_balance: string; topped_up_balance: string }[];
}

export interface RecordedAccountRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export interface FakeAccounts {
  /** http://127.0.0.1:PORT. OpenAI-style providers use `${baseUrl}/v1`, OpenRouter `${baseUrl}/api/v1`, Anthropic the bare URL. */
  baseUrl: string;
  data: FakeAccountData;
  requests: RecordedAccountRequest[];
  /** The next request to a path (e.g. "/v1/organization/costs") whose page cursor is `page` answers this instead. */
  failOnce(path: string, status: number, body: unknown, page?: string): void;
  close(): Promise<void>;
}

export interface FakeAccountOptions {
  /** Daily buckets per page: small, so a month takes several pages. */
  bucketsPerPage: number;
  /** The key each vendor expects (admin keys for OpenAI and Anthropic). */
  keys: { openai: string; anthropic: string; openrouter: string; deepseek: string };
}

const DAY_MS = 86_400_000;

/**
 * The vendors' account APIs on 127.0.0.1, in their documented response formats: OpenAI's
 * organization Costs and Usage APIs, Anthropic's Admin API cost and usage reports (both paged with
 * has_more/next_page), OpenRouter's credits and generation stats, DeepSeek's balance.
 */
export async function startFakeAccounts(options: FakeAccountOptions): Promise<FakeAccounts> {
  const data: FakeAccountData = {
    openaiCosts: [],
    openaiUsage: [],
    anthropicCosts: [],
    anthropicUsage: [],
    openrouterCredits: { total_credits: 0, total_usage: 0 },
    openrouterGenerations: {},
    deepseekBalances: [],
  };
  const requests: RecordedAccountRequest[] = [];
  const failures: { path: string; page: string | undefined; status: number; body: unknown }[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const page = url.searchParams.get('page') ?? undefined;
    const failure = failures.findIndex((f) => f.path === url.pathname && f.page === page);
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return send(f!.status, f!.body);
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const openAiError = { error: { message: 'Invalid authorization header', type: 'invalid_request_error', code: null } };
    switch (url.pathname) {
      case '/v1/organization/costs':
        if (bearer !== options.keys.openai) return send(401, openAiError);
        return send(200, openAiPage(url, options.bucketsPerPage, (day) => ({
          object: 'bucket',
          results: data.openaiCosts
            .filter((c) => c.day === day)
            .map((c) => ({ object: 'organization.costs.result', amount: { value: c.value, currency: 'usd' }, line_item: c.lineItem, project_id: c.projectId })),
        })));
      case '/v1/organization/usage/completions':
        if (bearer !== options.keys.openai) return send(401, openAiError);
        return send(200, openAiPage(url, options.bucketsPerPage, (day) => ({
          object: 'bucket',
          results: data.openaiUsage
            .filter((u) => u.day === day)
            .map((u) => ({
              object: 'organization.usage.completions.result',
              input_tokens: u.input,
              output_tokens: u.output,
              input_cached_tokens: 0,
              input_audio_tokens: 0,
              output_audio_tokens: 0,
              num_model_requests: u.requests,
              project_id: null,
              user_id: null,
              api_key_id: u.apiKeyId,
              model: u.model,
              batch: null,
            })),
        })));
      case '/v1/organizations/cost_report':
        if (req.headers['x-api-key'] !== options.keys.anthropic || !req.headers['anthropic-version']) return send(401, anthropicError());
        return send(200, anthropicPage(url, options.bucketsPerPage, (day) =>
          data.anthropicCosts
            .filter((c) => c.day === day)
            .map((c) => ({
              currency: 'USD',
              amount: c.cents,
              workspace_id: c.workspaceId,
              description: c.description,
              cost_type: 'tokens',
              context_window: '0-200k',
              model: c.model,
              service_tier: 'standard',
              token_type: 'uncached_input_tokens',
            })),
        ));
      case '/v1/organizations/usage_report/messages':
        if (req.headers['x-api-key'] !== options.keys.anthropic || !req.headers['anthropic-version']) return send(401, anthropicError());
        return send(200, anthropicPage(url, options.bucketsPerPage, (day) =>
          data.anthropicUsage
            .filter((u) => u.day === day)
            .map((u) => ({
              uncached_input_tokens: u.uncached,
              cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: u.cacheWrite5m },
              cache_read_input_tokens: u.cacheRead,
              output_tokens: u.output,
              server_tool_use: { web_search_requests: 0 },
              api_key_id: u.apiKeyId,
              workspace_id: null,
              model: u.model,
              service_tier: 'standard',
              context_window: '0-200k',
            })),
        ));
      case '/api/v1/credits':
        if (bearer !== options.keys.openrouter) return send(401, { error: { code: 401, message: 'No auth credentials found' } });
        return send(200, { data: data.openrouterCredits });
      case '/api/v1/generation': {
        if (bearer !== options.keys.openrouter) return send(401, { error: { code: 401, message: 'No auth credentials found' } });
        const id = url.searchParams.get('id') ?? '';
        const cost = data.openrouterGenerations[id];
        if (cost === undefined) return send(404, { error: { code: 404, message: `Generation ${id} not found` } });
        return send(200, { data: { id, total_cost: cost, created_at: '2026-11-02T10:00:00Z', model: 'openai/gpt-4o', origin: '', usage: cost, is_byok: false } });
      }
      case '/user/balance':
        if (bearer !== options.keys.deepseek) return send(401, { error: { message: 'Authentication Fails (no such user)', type: 'authentication_error' } });
        return send(200, { is_available: data.deepseekBalances.length > 0, balance_infos: data.deepseekBalances });
      default:
        return send(404, { error: { message: `no route ${url.pathname}` } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    data,
    requests,
    failOnce: (path, status, body, page) => failures.push({ path, page, status, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function anthropicError() {
  return { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The buckets from the first to the last day asked for, a page at a time; the cursor is the next bucket's index. */
function pageOfDays(startMs: number, endMs: number, bucketsPerPage: number, cursor: string | null) {
  const days: { day: string; startMs: number }[] = [];
  for (let t = startMs; t < endMs; t += DAY_MS) days.push({ day: dayOf(t), startMs: t });
  const from = cursor === null ? 0 : Number(cursor.replace('page_', ''));
  const slice = days.slice(from, from + bucketsPerPage);
  const more = from + bucketsPerPage < days.length;
  return { slice, more, next: more ? `page_${from + bucketsPerPage}` : null };
}

function openAiPage(url: URL, bucketsPerPage: number, bucket: (day: string) => object) {
  const start = Number(url.searchParams.get('start_time')) * 1000;
  const end = Number(url.searchParams.get('end_time')) * 1000;
  const { slice, more, next } = pageOfDays(start, end, bucketsPerPage, url.searchParams.get('page'));
  return {
    object: 'page',
    data: slice.map((d) => ({ start_time: d.startMs / 1000, end_time: d.startMs / 1000 + 86_400, ...bucket(d.day) })),
    has_more: more,
    next_page: next,
  };
}

function anthropicPage(url: URL, bucketsPerPage: number, results: (day: string) => object[]) {
  const start = Date.parse(url.searchParams.get('starting_at') ?? '');
  const end = Date.parse(url.searchParams.get('ending_at') ?? '');
  const { slice, more, next } = pageOfDays(start, end, bucketsPerPage, url.searchParams.get('page'));
  return {
    data: slice.map((d) => ({ starting_at: new Date(d.startMs).toISOString().replace('.000Z', 'Z'), ending_at: new Date(d.startMs + DAY_MS).toISOString().replace('.000Z', 'Z'), results: results(d.day) })),
    has_more: more,
    next_page: next,
  };
}
