import type { Answer, FakeCitation } from './answer';
import type { FakeUsage } from './scenario';
import { deltasOf } from './seeded-split';

const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/** Anthropic Messages SSE: named events whose data repeats the name in `type`. */
export function anthropicStream(answer: Answer): string[] {
  const events: string[] = [];
  const start = answer.usage ? { usage: { ...inputUsageOf(answer.usage), output_tokens: 1 } } : {};
  events.push(
    event('message_start', {
      message: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model: answer.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        ...start,
      },
    }),
  );
  let index = 0;
  if (answer.reasoning !== '') {
    events.push(event('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    events.push(event('ping', {}));
    for (const piece of deltasOf(answer.reasoning, answer.deltaChars)) {
      events.push(event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
    }
    events.push(event('content_block_delta', { index, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } }));
    events.push(event('content_block_stop', { index }));
    index++;
  }
  for (const search of searchesOf(answer)) {
    events.push(event('content_block_start', { index, content_block: { type: 'server_tool_use', id: search.id, name: 'web_search', input: {} } }));
    events.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
    for (const piece of deltasOf(JSON.stringify({ query: search.query }), answer.deltaChars)) {
      events.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
    }
    events.push(event('content_block_stop', { index }));
    index++;
    events.push(event('content_block_start', { index, content_block: searchResultBlock(search) }));
    events.push(event('content_block_stop', { index }));
    index++;
  }
  events.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
  deltasOf(answer.text, answer.deltaChars).forEach((piece, i) => {
    events.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
    if (i === 0 && answer.inject === 'malformed') events.push('event: content_block_delta\ndata: {"type":"content_bl\n\n');
    if (i === 0 && answer.inject === 'error') {
      events.push(event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }));
    }
    // Claude cites as it writes: each source once, right after the text it supports begins.
    if (i > 0) return;
    for (const citation of answer.citations) {
      events.push(event('content_block_delta', { index, delta: { type: 'citations_delta', citation: citationOf(citation) } }));
    }
  });
  events.push(event('content_block_stop', { index }));
  const stop = { stop_reason: answer.finishReason ?? 'end_turn', stop_sequence: null };
  for (const usage of answer.interimUsage) events.push(event('message_delta', { delta: stop, usage: { output_tokens: usage.output } }));
  const final = answer.usage ? { usage: { output_tokens: answer.usage.output, ...serverToolUseOf(answer) } } : {};
  events.push(event('message_delta', { delta: stop, ...final }));
  events.push(event('message_stop', {}));
  return events;
}

export function anthropicWhole(answer: Answer): unknown {
  const thinking = answer.reasoning === '' ? [] : [{ type: 'thinking', thinking: answer.reasoning, signature: 'EqQBCgIYAhIM' }];
  const searches = searchesOf(answer).flatMap((search) => [
    { type: 'server_tool_use', id: search.id, name: 'web_search', input: { query: search.query } },
    searchResultBlock(search),
  ]);
  const citations = answer.citations.length > 0 ? { citations: answer.citations.map(citationOf) } : {};
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content: [...thinking, ...searches, { type: 'text', text: answer.text, ...citations }],
    stop_reason: answer.finishReason ?? 'end_turn',
    stop_sequence: null,
    ...(answer.usage ? { usage: { ...inputUsageOf(answer.usage), output_tokens: answer.usage.output, ...serverToolUseOf(answer) } } : {}),
  };
}

interface FakeSearch {
  id: string;
  query: string;
  results: FakeCitation[];
}

/**
 * The web searches behind the answer: usage.searches of them (one when only citations are
 * given), the citations dealt out among them in turn. Each query is a JSON string with quotes
 * and non-ASCII text, which must never leak into the answer's text.
 */
function searchesOf(answer: Answer): FakeSearch[] {
  const count = answer.usage?.searches ?? (answer.citations.length > 0 ? 1 : 0);
  return Array.from({ length: count }, (_, s) => ({
    id: `srvtoolu_fake${s + 1}`,
    query: `"fake" search ${s + 1} — über`,
    results: answer.citations.filter((_, i) => i % count === s),
  }));
}

function searchResultBlock(search: FakeSearch): object {
  return {
    type: 'web_search_tool_result',
    tool_use_id: search.id,
    content: search.results.map((c) => ({
      type: 'web_search_result',
      url: c.url,
      title: c.title ?? null,
      encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5',
      page_age: c.date ?? null,
    })),
  };
}

function citationOf(c: FakeCitation): object {
  return { type: 'web_search_result_location', url: c.url, title: c.title ?? null, encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0', cited_text: 'fake cited text' };
}

function serverToolUseOf(answer: Answer): object {
  const searches = searchesOf(answer).length;
  return searches > 0 ? { server_tool_use: { web_search_requests: searches } } : {};
}

/**
 * Anthropic's input_tokens leaves out the cache reads and writes that our input includes;
 * `cache_creation` splits the writes by lifetime.
 */
function inputUsageOf(usage: FakeUsage): object {
  const read = usage.cachedInput ?? 0;
  const write = usage.cacheWrite ?? 0;
  const byLifetime =
    usage.cacheWrite1h === undefined
      ? {}
      : { cache_creation: { ephemeral_5m_input_tokens: write - usage.cacheWrite1h, ephemeral_1h_input_tokens: usage.cacheWrite1h } };
  return { input_tokens: usage.input - read - write, cache_creation_input_tokens: write, cache_read_input_tokens: read, ...byLifetime };
}

const ERRORS: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'messages: field required'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'model: {model}'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

export function anthropicError(status: number, model: string, message?: string): unknown {
  const [type, text] = ERRORS[status] ?? ['api_error', `HTTP ${status}`];
  return { type: 'error', error: { type, message: message ?? text.replace('{model}', model) }, request_id: 'req_fake' };
}
