import type { Answer } from './answer';
import { deltasOf } from './seeded-split';

const CREATED_AT = '2025-01-01T00:00:00.000000Z';
const line = (data: object) => `${JSON.stringify(data)}\n`;

/** Ollama /api/chat NDJSON: one object a line, the last with `done: true` and the counts. */
export function ollamaStream(answer: Answer): string[] {
  const message = (m: object) => line({ model: answer.model, created_at: CREATED_AT, message: { role: 'assistant', ...m }, done: false });
  const lines = deltasOf(answer.reasoning, answer.deltaChars).map((thinking) => message({ content: '', thinking }));
  deltasOf(answer.text, answer.deltaChars).forEach((content, i) => {
    lines.push(message({ content }));
    if (i === 0 && answer.inject === 'malformed') lines.push('{"model":"x","message":{"content":"cu\n');
    if (i === 0 && answer.inject === 'error') lines.push(line({ error: 'an error was encountered while running the model: unexpected EOF' }));
  });
  lines.push(line(final(answer, { role: 'assistant', content: '' })));
  return lines;
}

export function ollamaWhole(answer: Answer): unknown {
  const thinking = answer.reasoning === '' ? {} : { thinking: answer.reasoning };
  return final(answer, { role: 'assistant', content: answer.text, ...thinking });
}

function final(answer: Answer, message: object): object {
  const counts = answer.usage
    ? { prompt_eval_count: answer.usage.input, prompt_eval_duration: 1_000_000, eval_count: answer.usage.output, eval_duration: 9_000_000 }
    : {};
  return {
    model: answer.model,
    created_at: CREATED_AT,
    message,
    done: true,
    done_reason: answer.finishReason ?? 'stop',
    total_duration: 12_000_000,
    load_duration: 1_000_000,
    ...counts,
  };
}

const MESSAGES: Record<number, string> = {
  400: 'invalid request',
  401: 'unauthorized',
  404: 'model "{model}" not found, try pulling it first',
  500: 'llama runner process has terminated: exit status 2',
};

export function ollamaError(status: number, model: string, message?: string): unknown {
  return { error: message ?? (MESSAGES[status] ?? `HTTP ${status}`).replace('{model}', model) };
}
