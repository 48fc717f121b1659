import type { FakeProtocol, FakeUsage, Scenario } from './scenario';

export type Flavor = NonNullable<Scenario['flavor']>;
export type FakeCitation = NonNullable<Scenario['citations']>[number];

/** Everything a wire format needs to render one answer. */
export interface Answer {
  model: string;
  text: string;
  reasoning: string;
  deltaChars: number;
  usage: FakeUsage | null;
  interimUsage: FakeUsage[];
  finishReason: string | undefined;
  flavor: Flavor;
  citations: FakeCitation[];
  omitDone: boolean;
  /** OpenAI style: the request asked for the usage chunk. */
  includeUsage: boolean;
  /** Inject after the first text delta. */
  inject: 'malformed' | 'error' | undefined;
}

interface Message {
  role: string;
  text: string;
}

/**
 * The answer to a request: the scenario's values, or the deterministic default reply ("Echo: "
 * + the last user message, with usage counted at four characters a token) that lets a UI test
 * chat with the fake without enqueuing anything.
 */
export function answerFor(protocol: FakeProtocol, body: unknown, model: string, scenario: Scenario): Answer {
  const messages = messagesOf(protocol, body);
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';
  const text = scenario.text ?? `Echo: ${lastUser}`;
  const reasoning = scenario.reasoning ?? '';
  const promptChars = messages.reduce((sum, m) => sum + m.text.length, 0);
  const defaultUsage: FakeUsage = {
    input: Math.ceil(promptChars / 4),
    output: Math.ceil((text.length + reasoning.length) / 4),
    cachedInput: 0,
    cacheWrite: 0,
    reasoning: Math.ceil(reasoning.length / 4),
  };
  const fault = scenario.fault?.kind;
  return {
    model,
    text,
    reasoning,
    deltaChars: scenario.deltaChars ?? 8,
    usage: scenario.usage === undefined ? defaultUsage : scenario.usage,
    interimUsage: scenario.interimUsage ?? [],
    finishReason: scenario.finishReason,
    flavor: scenario.flavor ?? 'openai',
    citations: scenario.citations ?? [],
    omitDone: scenario.omitDone ?? false,
    includeUsage: asksForUsage(body),
    inject: fault === 'malformed-event' ? 'malformed' : fault === 'mid-stream-error' ? 'error' : undefined,
  };
}

function asksForUsage(body: unknown): boolean {
  const options = record(body)?.stream_options;
  return record(options)?.include_usage === true;
}

function messagesOf(protocol: FakeProtocol, body: unknown): Message[] {
  const root = record(body);
  if (protocol === 'gemini') {
    const contents = Array.isArray(root?.contents) ? root.contents : [];
    return contents.map((c) => {
      const parts = record(c)?.parts;
      const texts = Array.isArray(parts) ? parts.map((p) => String(record(p)?.text ?? '')) : [];
      return { role: String(record(c)?.role ?? ''), text: texts.join('') };
    });
  }
  // Responses API requests carry `input` and `instructions`; the others `messages` and `system`.
  const messages = Array.isArray(root?.messages) ? root.messages : Array.isArray(root?.input) ? root.input : [];
  const systemText = root?.system ?? root?.instructions;
  const system = typeof systemText === 'string' ? [{ role: 'system', text: systemText }] : [];
  return [
    ...system,
    ...messages.map((m) => ({ role: String(record(m)?.role ?? ''), text: contentText(record(m)?.content) })),
  ];
}

/** A message's text: a string, or the text parts of a content array (files and images carry none). */
function contentText(content: unknown): string {
  if (!Array.isArray(content)) return String(content ?? '');
  return content.map((part) => (typeof record(part)?.text === 'string' ? String(record(part)?.text) : '')).join('');
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
