import type { Answer } from './answer';
import type { FakeUsage } from './scenario';
import { deltasOf } from './seeded-split';
import { xaiResponsesExtras, xaiResponsesUsageExtras } from './wire-openai-flavors';

const CREATED = 1_735_689_600;
const RESPONSE_ID = 'resp_fake';
const REASONING_ID = 'rs_fake';
const MESSAGE_ID = 'msg_fake';

/** Terminal outcomes a scenario's finishReason can ask for; anything else completes. */
const INCOMPLETE_REASONS = new Set(['max_output_tokens', 'content_filter']);
const FAILURE = { code: 'server_error', message: 'The model produced invalid content.' };

/**
 * OpenAI Responses API SSE: named events whose data repeats the name in `type` and counts a
 * `sequence_number`. The reasoning summary comes in parts (the answer's paragraphs), then one
 * `web_search_call` item per search (usage.searches), then the message's text with a
 * `url_citation` annotation per citation; the stream ends with response.completed, .incomplete
 * or .failed. The xAI flavor adds its usage fields and its list of all `citations`.
 */
export function openAiResponsesStream(answer: Answer): string[] {
  let sequence = 0;
  const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
  const events = [
    event('response.created', { response: responseObject(answer, 'in_progress', [], null) }),
    event('response.in_progress', { response: responseObject(answer, 'in_progress', [], null) }),
  ];
  const summaries = summaryPartsOf(answer);
  if (summaries.length > 0) {
    const at = { item_id: REASONING_ID, output_index: 0 };
    events.push(event('response.output_item.added', { output_index: 0, item: { id: REASONING_ID, type: 'reasoning', summary: [] } }));
    summaries.forEach((text, summary_index) => {
      events.push(event('response.reasoning_summary_part.added', { ...at, summary_index, part: { type: 'summary_text', text: '' } }));
      for (const delta of deltasOf(text, answer.deltaChars)) {
        events.push(event('response.reasoning_summary_text.delta', { ...at, summary_index, delta }));
      }
      events.push(event('response.reasoning_summary_text.done', { ...at, summary_index, text }));
      events.push(event('response.reasoning_summary_part.done', { ...at, summary_index, part: { type: 'summary_text', text } }));
    });
    events.push(event('response.output_item.done', { output_index: 0, item: reasoningItem(summaries) }));
  }
  const searchesAt = summaries.length > 0 ? 1 : 0;
  searchItems(answer).forEach((item, i) => {
    const at = { output_index: searchesAt + i, item_id: item.id };
    events.push(
      event('response.output_item.added', { output_index: at.output_index, item: { id: item.id, type: item.type, status: 'in_progress' } }),
      event('response.web_search_call.in_progress', at),
      event('response.web_search_call.searching', at),
      event('response.web_search_call.completed', at),
      event('response.output_item.done', { output_index: at.output_index, item }),
    );
  });
  const output_index = searchesAt + searchItems(answer).length;
  const at = { item_id: MESSAGE_ID, output_index, content_index: 0 };
  events.push(
    event('response.output_item.added', { output_index, item: { id: MESSAGE_ID, type: 'message', status: 'in_progress', role: 'assistant', content: [] } }),
    event('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } }),
  );
  deltasOf(answer.text, answer.deltaChars).forEach((delta, i) => {
    events.push(event('response.output_text.delta', { ...at, delta, logprobs: [] }));
    if (i === 0 && answer.inject === 'malformed') events.push('event: response.output_text.delta\ndata: {"type":"response.output_te\n\n');
    if (i === 0 && answer.inject === 'error') {
      events.push(event('error', { code: 'server_error', message: 'The server had an error while processing your request.', param: null }));
    }
  });
  annotationsOf(answer).forEach((annotation, annotation_index) => {
    events.push(event('response.output_text.annotation.added', { ...at, annotation_index, annotation }));
  });
  events.push(
    event('response.output_text.done', { ...at, text: answer.text, logprobs: [] }),
    event('response.content_part.done', { ...at, part: { type: 'output_text', text: answer.text, annotations: annotationsOf(answer) } }),
    event('response.output_item.done', { output_index, item: messageItem(answer) }),
  );
  const [status, type] = outcomeOf(answer);
  events.push(event(type, { response: openAiResponsesWhole(answer, status) }));
  return events;
}

export function openAiResponsesWhole(answer: Answer, status = outcomeOf(answer)[0]): object {
  const summaries = summaryPartsOf(answer);
  const output = [...(summaries.length > 0 ? [reasoningItem(summaries)] : []), ...searchItems(answer), messageItem(answer)];
  return responseObject(answer, status, output, answer.usage);
}

function outcomeOf(answer: Answer): [string, string] {
  if (answer.finishReason === 'failed') return ['failed', 'response.failed'];
  if (answer.finishReason !== undefined && INCOMPLETE_REASONS.has(answer.finishReason)) return ['incomplete', 'response.incomplete'];
  return ['completed', 'response.completed'];
}

function responseObject(answer: Answer, status: string, output: object[], usage: FakeUsage | null): object {
  return {
    id: RESPONSE_ID,
    object: 'response',
    created_at: CREATED,
    status,
    error: status === 'failed' ? FAILURE : null,
    incomplete_details: status === 'incomplete' ? { reason: answer.finishReason } : null,
    instructions: null,
    max_output_tokens: null,
    model: answer.model,
    output,
    parallel_tool_calls: true,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tools: searches(answer) ? [{ type: 'web_search', search_context_size: 'medium' }] : [],
    usage: usage && status !== 'in_progress' ? usageOf(answer, usage) : null,
    ...(answer.flavor === 'xai' && status !== 'in_progress' ? xaiResponsesExtras(answer) : {}),
  };
}

/** The scenario asks for search when it sets usage.searches or gives citations. */
function searches(answer: Answer): boolean {
  return answer.usage?.searches !== undefined || answer.citations.length > 0;
}

function searchItems(answer: Answer): Array<{ id: string; type: 'web_search_call'; status: 'completed'; action: object }> {
  return Array.from({ length: answer.usage?.searches ?? 0 }, (_, i) => ({
    id: `ws_fake_${i}`,
    type: 'web_search_call',
    status: 'completed',
    action: { type: 'search', query: `fake query ${i}` },
  }));
}

function annotationsOf(answer: Answer): object[] {
  const end = answer.text.length;
  return answer.citations.map((c) => ({ type: 'url_citation', start_index: 0, end_index: end, url: c.url, title: c.title ?? '' }));
}

function summaryPartsOf(answer: Answer): string[] {
  return answer.reasoning === '' ? [] : answer.reasoning.split('\n\n');
}

function reasoningItem(summaries: string[]): object {
  return { id: REASONING_ID, type: 'reasoning', summary: summaries.map((text) => ({ type: 'summary_text', text })) };
}

function messageItem(answer: Answer): object {
  return {
    id: MESSAGE_ID,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text: answer.text, annotations: annotationsOf(answer), logprobs: [] }],
  };
}

/** Reasoning inside output_tokens (xAI's too), and xAI's own fields after OpenAI's. */
function usageOf(answer: Answer, usage: FakeUsage): object {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cachedInput ?? 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.input + usage.output,
    ...(answer.flavor === 'xai' ? xaiResponsesUsageExtras(usage) : {}),
  };
}
