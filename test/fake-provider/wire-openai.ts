import type { Answer } from './answer';
import type { FakeUsage } from './scenario';
import { deltasOf } from './seeded-split';
import {
  mistralTextDelta,
  mistralThinkingDelta,
  mistralWholeContent,
  openRouterAnnotations,
  perplexitySources,
  perplexityUsage,
  reportsUsageUnasked,
  xaiUsage,
} from './wire-openai-flavors';

const CREATED = 1_735_689_600;

/**
 * OpenAI Chat Completions SSE, in the flavors of OpenAI, OpenRouter, DeepSeek, xAI, Mistral and
 * Perplexity. OpenRouter's web results come as annotations on a delta after the text.
 */
export function openAiStream(answer: Answer): string[] {
  const sources = perplexitySources(answer);
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model: answer.model, choices, ...sources, ...extra })}\n\n`;
  const delta = (d: object) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: null }]);
  const events: string[] = [];
  if (answer.flavor === 'openrouter') events.push(': OPENROUTER PROCESSING\n\n');
  events.push(delta({ role: 'assistant', content: '' }));
  const reasoningField = reasoningFieldOf(answer);
  const mistral = answer.flavor === 'mistral';
  if (reasoningField || (mistral && answer.reasoning !== '')) {
    for (const piece of deltasOf(answer.reasoning, answer.deltaChars)) {
      events.push(delta(mistral ? mistralThinkingDelta(piece) : { [reasoningField ?? '']: piece }));
    }
  }
  deltasOf(answer.text, answer.deltaChars).forEach((piece, i) => {
    events.push(delta(mistral ? mistralTextDelta(answer, piece) : { content: piece }));
    if (i === 0 && answer.inject === 'malformed') events.push('data: {"id":"chatcmpl-fake","choices":[{"delta":{"content":"cut\n\n');
    if (i === 0 && answer.inject === 'error') {
      events.push(`data: ${JSON.stringify({ error: { message: 'Provider returned error', code: 502 } })}\n\n`);
    }
  });
  if (answer.flavor === 'openrouter') events.push(': OPENROUTER PROCESSING\n\n');
  const annotations = openRouterAnnotations(answer);
  if ('annotations' in annotations) events.push(delta(annotations));
  const unasked = reportsUsageUnasked(answer) && answer.usage ? { usage: usageOf(answer, answer.usage) } : {};
  events.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: answer.finishReason ?? 'stop' }], unasked));
  if (answer.includeUsage && answer.usage && !reportsUsageUnasked(answer)) {
    for (const usage of answer.interimUsage) events.push(chunk([], { usage: usageOf(answer, usage) }));
    events.push(chunk([], { usage: usageOf(answer, answer.usage) }));
  }
  if (!answer.omitDone) events.push('data: [DONE]\n\n');
  return events;
}

export function openAiWhole(answer: Answer): unknown {
  const field = reasoningFieldOf(answer);
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: CREATED,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.flavor === 'mistral' ? mistralWholeContent(answer) : answer.text,
          ...(field ? { [field]: answer.reasoning } : {}),
          ...openRouterAnnotations(answer),
        },
        finish_reason: answer.finishReason ?? 'stop',
      },
    ],
    ...perplexitySources(answer),
    ...(answer.usage ? { usage: usageOf(answer, answer.usage) } : {}),
  };
}

/** OpenAI's chat API does not stream its reasoning; DeepSeek, xAI and OpenRouter do, differently. */
function reasoningFieldOf(answer: Answer): string | undefined {
  if (answer.reasoning === '') return undefined;
  if (answer.flavor === 'deepseek' || answer.flavor === 'xai') return 'reasoning_content';
  if (answer.flavor === 'openrouter') return 'reasoning';
  return undefined;
}

function usageOf(answer: Answer, usage: FakeUsage): object {
  if (answer.flavor === 'xai') return xaiUsage(usage);
  if (answer.flavor === 'perplexity') return perplexityUsage(usage);
  const base = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  const reasoning = usage.reasoning === undefined ? {} : { completion_tokens_details: { reasoning_tokens: usage.reasoning } };
  if (answer.flavor === 'deepseek') {
    const hit = usage.cachedInput ?? 0;
    return { ...base, prompt_cache_hit_tokens: hit, prompt_cache_miss_tokens: usage.input - hit, ...reasoning };
  }
  const cached = usage.cachedInput === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cachedInput } };
  const cost = answer.flavor === 'openrouter' && usage.costUsd !== undefined ? { cost: usage.costUsd } : {};
  return { ...base, ...cached, ...reasoning, ...cost };
}

const MESSAGES: Record<number, [string, string, string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  403: ['You are not allowed to sample from this model', 'invalid_request_error', 'model_not_allowed'],
  404: ['The model `{model}` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'],
  429: ['Rate limit reached for requests', 'requests', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later', 'server_error', null],
};

export function openAiError(status: number, model: string, message?: string): unknown {
  const [text, type, code] = MESSAGES[status] ?? [`HTTP ${status}`, 'server_error', null];
  return { error: { message: message ?? text.replace('{model}', model), type, param: null, code } };
}

/** Echoes the presented key in full, as a careless proxy would, so redaction is tested. */
export function openAiKeyRejection(presented: string): { status: number; body: unknown } {
  return { status: 401, body: openAiError(401, '', `Incorrect API key provided: ${presented}.`) };
}
