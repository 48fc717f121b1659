import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const tempDir = useTempDir();
const DAY = Date.UTC(2026, 10, 10, 12);

/** Two models in November: gpt-4o (1M input, 100k of it cached, 200k output) and claude-sonnet-4 (500k in, 50k out, unpriced). */
async function dataDir(): Promise<string> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, appVersion: 'test', host: 'cli', secrets: new MemorySecretStore() });
  core.settings.set('timeZone', 'UTC');
  insertLedgerRows(core.store.sqlite, [
    { id: 'a', startedAt: DAY, providerId: 'openai', model: 'gpt-4o', status: 'completed', inputTokens: 1_000_000, cachedInputTokens: 100_000, outputTokens: 200_000, cost: 4_375_000_000 },
    { id: 'b', startedAt: DAY + 1, providerId: 'anthropic', model: 'claude-sonnet-4', status: 'completed', inputTokens: 500_000, outputTokens: 50_000, cost: null },
    { id: 'c', startedAt: DAY + 2, providerId: 'openai', model: 'gpt-4o', status: 'refused', error: 'cap' },
  ]);
  core.ledger.rebuildRollup();
  await core.close();
  return dir;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('tallychat report --what-if-model', () => {
  it('prints the period beside the same tokens on the chosen model, at the prices given, and changes no byte of the ledger', async () => {
    const dir = await dataDir();
    const file = join(dir, 'tallychat.sqlite');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const cap = capture();
    const args = ['report', '--what-if-model', 'gpt-4o-mini', '--what-if-provider', 'openai', '--what-if-input', '0.15', '--what-if-output', '0.6'];
    expect(await runCli([...args, '--what-if-cache-read', '0.075', '--from', '2026-11-01', '--to', '2026-11-30', '--data-dir', dir], cap.io)).toBe(0);
    // gpt-4o's tokens: 900k × 0.15 + 100k × 0.075 + 200k × 0.60 = 0.135 + 0.0075 + 0.12 = USD 0.2625;
    // claude's: 500k × 0.15 + 50k × 0.60 = 0.075 + 0.03 = USD 0.105. The refused row sent nothing.
    expect(cap.out()).toBe(
      'What if 2026-11-01 – 2026-11-30 (UTC) had gone to gpt-4o-mini on OpenAI, at the prices given: input $0.15/MTok, output $0.6/MTok, cached input $0.075/MTok:\n' +
        'Provider   Model            Requests               Actual  On gpt-4o-mini\n' +
        'OpenAI     gpt-4o                  1                $4.38         $0.2625\n' +
        'Anthropic  claude-sonnet-4         1  $0.00 (+1 unpriced)          $0.105\n' +
        'Total                              2  $4.38 (+1 unpriced)         $0.3675\n' +
        'Rows keep their own costs: nothing in the ledger was changed.\n',
    );
    const json = capture();
    expect(await runCli([...args, '--format', 'json', '--from', '2026-11-01', '--data-dir', dir], json.io)).toBe(0);
    // Without a cached-input price the cached tokens cost the input price: 1M × 0.15 + 200k × 0.60 + 0.105 = USD 0.375.
    expect(JSON.parse(json.out()).totals).toEqual({ requests: 2, actualNanos: 4_375_000_000, unpricedRequests: 1, whatIfNanos: 375_000_000 });
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('tells the user what to add when the model is not one configured provider\'s', async () => {
    const dir = await dataDir();
    const cap = capture();
    expect(await runCli(['report', '--what-if-model', 'gpt-4o-mini', '--data-dir', dir], cap.io)).toBe(2);
    expect(cap.err()).toContain('no configured provider offers gpt-4o-mini: name the provider whose prices to use');
  });
});
