import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CliUsageError, type CliIo } from '../../src/main/cli/cli-io';
import { reportCommand } from '../../src/main/cli/commands/report-command';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows } from './ledger-fixtures';

const TZ = 'America/New_York';
const tempDir = useTempDir();

async function seededDataDir(): Promise<string> {
  const dataDir = tempDir();
  const core = createCore({ dataDir, appVersion: 'test', host: 'cli', secrets: new MemorySecretStore() });
  core.settings.set('timeZone', TZ);
  insertConversation(core.store.sqlite, 'c1', '@SUM(1+1)*cmd');
  insertLedgerRows(core.store.sqlite, randomRows(3, 400, startOfLocalDay(2026, 10, 15, TZ), startOfLocalDay(2026, 11, 15, TZ), ['c1']));
  insertLedgerRows(core.store.sqlite, [
    // 23:30 on October 31 in New York is already November in UTC.
    { id: 'halloween', startedAt: startOfLocalDay(2026, 11, 1, TZ) - 30 * 60_000, providerId: 'openai', model: 'gpt-4o', status: 'completed', inputTokens: 1000, outputTokens: 10, cost: 2_600_000, usageSource: 'provider', priceInput: 2_500_000_000, priceOutput: 10_000_000_000 },
  ]);
  core.ledger.rebuildRollup();
  await core.close();
  return dataDir;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('tallychat report', () => {
  it('prints a CSV of every request in a date range, in the settings’ time zone', async () => {
    const dataDir = await seededDataDir();
    const cap = capture();
    expect(await runCli(['report', '--from', '2026-10-31', '--to', '2026-10-31', '--data-dir', dataDir], cap.io)).toBe(0);
    const rows = parse(cap.out(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.request_id === 'halloween')).toMatchObject({
      started_at: '2026-10-31T23:30:00.000-04:00',
      provider: 'OpenAI',
      input_usd_per_mtok: '2.500000000',
      output_usd_per_mtok: '10.000000000',
      cost_usd: '0.002600000',
      usage_source: 'reported',
    });
    expect(rows.every((r) => r.started_at!.startsWith('2026-10-31T'))).toBe(true);
    expect(rows.filter((r) => r.conversation_id === 'c1').every((r) => r.conversation_title === "'@SUM(1+1)*cmd")).toBe(true);
    expect(cap.err()).toBe('');
  });

  it('a request left streaming by a process that died is recovered before the report reads the ledger, and is in it', async () => {
    const dataDir = await seededDataDir();
    const setup = createCore({ dataDir, appVersion: 'test', host: 'cli', secrets: new MemorySecretStore() });
    const startedAt = startOfLocalDay(2026, 10, 31, TZ) + 3_600_000;
    insertLedgerRows(setup.store.sqlite, [{ id: 'left-open', startedAt, providerId: 'openai', model: 'gpt-4o', status: 'streaming', reserved: 5 }]);
    // Closed without the start-up that would have recovered it: as if the app had died mid-answer.
    setup.store.close();
    const cap = capture();
    expect(await runCli(['report', '--from', '2026-10-31', '--to', '2026-10-31', '--data-dir', dataDir], cap.io)).toBe(0);
    const rows = parse(cap.out(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.request_id === 'left-open')).toMatchObject({ started_at: '2026-10-31T01:00:00.000-04:00', status: 'interrupted' });
  });

  it('--format table groups, aligns and totals; --format json prints one array', async () => {
    const dataDir = await seededDataDir();
    const table = capture();
    expect(await runCli(['report', '--from', '2026-10-15', '--to', '2026-11-14', '--group-by', 'provider', '--format', 'table', '--data-dir', dataDir], table.io)).toBe(0);
    const lines = table.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^provider\s+requests\s+input_tokens\s+output_tokens\s+cost_usd\s+unpriced_requests\s+estimated_requests$/);
    expect(lines).toHaveLength(3 + 4);
    expect(lines.at(-1)).toMatch(/^Total \(3 rows\)\s+401\s+\d+\s+\d+\s+\d+\.\d{9}\s+\d+\s+\d+$/);

    const json = capture();
    expect(await runCli(['report', '--from', '2026-10-15', '--to', '2026-11-14', '--group-by', 'month', '--format', 'json', '--data-dir', dataDir], json.io)).toBe(0);
    const months = JSON.parse(json.out()) as { month: string; requests: number }[];
    expect(months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(months.reduce((s, m) => s + m.requests, 0)).toBe(401);
  });

  it('--output writes the file (with a BOM when asked) and says what it wrote', async () => {
    const dataDir = await seededDataDir();
    const file = join(dataDir, 'report.csv');
    const cap = capture();
    expect(await runCli(['report', '--period', 'all', '--group-by', 'day', '--bom', '--output', file, '--data-dir', dataDir], cap.io)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFday,requests,refused_requests,')).toBe(true);
    const days = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(cap.out()).toBe('');
    expect(cap.err()).toBe(`Wrote ${days.length} rows grouped by day (All time, ${TZ}) to ${file}\n`);
    expect(days.find((d) => d.day === '2026-10-31')).toBeDefined();
  });

  it('usage mistakes are CliUsageErrors with a message (exit 2 once registered)', async () => {
    const dataDir = await seededDataDir();
    const mistake = (args: string[]) => reportCommand.run([...args, '--data-dir', dataDir], capture().io);
    await expect(mistake(['--period', '3d'])).rejects.toThrow(new CliUsageError('--period takes one of 24h, 7d, 30d, this-month, last-month, all; got "3d"'));
    await expect(mistake(['--period', 'all', '--from', '2026-01-01'])).rejects.toThrow('give either --period or --from/--to, not both');
    await expect(mistake(['--format', 'json', '--bom'])).rejects.toThrow('--bom applies to --format csv');
    await expect(mistake(['--group-by', 'week'])).rejects.toThrow(CliUsageError);
    await expect(mistake(['--from', '2026-13-01'])).rejects.toThrow(new CliUsageError('2026-13-01 is not a day of the calendar'));
    await expect(mistake(['--from', '2026-11-02', '--to', '2026-11-01'])).rejects.toThrow('The period ends (2026-11-01) before it starts (2026-11-02).');
  });
});
