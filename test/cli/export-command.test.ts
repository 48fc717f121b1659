import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/core/db/default-data-dir';
import { runCli } from '../../src/main/cli/main';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function tallychat(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: { OPENAI_API_KEY: 'sk-cli' } });
  return { code, stdout, stderr };
}

/** The one conversation the CLI created: its id, as `report --group-by conversation` would list it. */
function onlyConversation(dir: string): { id: string; systemPrompt: string | null } {
  const db = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare('SELECT id, system_prompt AS systemPrompt FROM conversations').get() as { id: string; systemPrompt: string | null };
  } finally {
    db.close();
  }
}

describe('tallychat chat --system and tallychat export', () => {
  it('--system reaches the model as the system message, is kept with the conversation, and the export prints it with the answer\'s figures', async () => {
    const dir = tempDir();
    fake.enqueue({ text: 'Bonjour.', usage: { input: 12, output: 2 } });
    const run = await tallychat(['chat', '--data-dir', dir, '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o', '--system', ' Answer in French. ', 'Hello']);
    expect(run.code).toBe(0);
    expect(fake.requests[0]?.body).toMatchObject({ messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }] });
    const conversation = onlyConversation(dir);
    expect(conversation.systemPrompt).toBe('Answer in French.');

    const md = await tallychat(['export', conversation.id, '--data-dir', dir]);
    expect(md).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '# Hello',
        '',
        '1 request · total $0.00005',
        '',
        '## System prompt',
        '',
        'Answer in French.',
        '',
        '## You',
        '',
        'Hello',
        '',
        '## Assistant',
        '',
        'Bonjour.',
        '',
        '> gpt-4o on OpenAI · 12 input + 2 output tokens · $0.00005',
        '',
      ].join('\n'),
    });

    const json = await tallychat(['export', conversation.id, '--format', 'json', '--data-dir', dir]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { conversation: unknown; messages: { answer?: unknown }[] };
    expect(parsed.conversation).toEqual({
      id: conversation.id,
      title: 'Hello',
      systemPrompt: 'Answer in French.',
      requests: 1,
      unpricedRequests: 0,
      totalCostUsd: '0.000050000',
      totalCostNanos: 50_000,
    });
    expect(parsed.messages[1]?.answer).toMatchObject({ model: 'gpt-4o', inputTokens: 12, outputTokens: 2, costUsd: '0.000050000', costNanos: 50_000 });
  });

  it.each<[string[], string]>([
    [[], 'give the id of the conversation to export (`tallychat report --group-by conversation` lists them)'],
    [['c1', '--format', 'pdf'], '--format takes md or json, not "pdf"'],
    [['nope'], 'no conversation nope'],
  ])('refuses %j with a usage message', async (args, message) => {
    const run = await tallychat(['export', ...args, '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
