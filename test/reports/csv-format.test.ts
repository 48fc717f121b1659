import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvLine } from '../../src/main/core/reports/csv-format';
import { readOnlyView } from '../../src/main/core/reports/report-db';
import { fieldsFor, type FieldSpec } from '../../src/main/core/reports/report-fields';
import { jsonRecord } from '../../src/main/core/reports/report-writers';
import { csvCellSql, csvLineSql, jsonObjectSql, plainCellSql } from '../../src/main/core/reports/sql-cells';
import { offsetSpans, zonedTimestampSql } from '../../src/main/core/reports/sql-timestamps';
import { isoTimestampFormatter } from '../../src/main/core/reports/zoned-timestamps';
import { formatUsd, nanodollars } from '../../src/shared/money';

describe('CSV per RFC 4180', () => {
  it('quotes only fields that need it and doubles embedded quotes', () => {
    expect(csvCell('plain title', 'text')).toBe('plain title');
    expect(csvCell('a, b', 'text')).toBe('"a, b"');
    expect(csvCell('say "hi"', 'text')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', 'text')).toBe('"two\nlines"');
    expect(csvCell('ends\r\n', 'text')).toBe('"ends\r\n"');
    expect(csvCell(null, 'text')).toBe('');
    expect(csvCell('', 'text')).toBe('');
  });

  it('neutralizes formula injection: text starting with = + - @ tab or CR gets a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")', 'text')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvCell('+1+1', 'text')).toBe("'+1+1");
    expect(csvCell('-2+3', 'text')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd', 'text')).toBe("'\tcmd");
    expect(csvCell('\r=1', 'text')).toBe('"\'\r=1"');
    expect(csvCell('a=b', 'text')).toBe('a=b');
  });

  it('numbers, dollar decimals and timestamps stay numbers (no guard, no quotes)', () => {
    expect(csvCell(-5, 'integer')).toBe('-5');
    expect(csvCell(1234, 'integer')).toBe('1234');
    expect(csvCell('0.000375000', 'decimal')).toBe('0.000375000');
    expect(csvCell('2026-11-25T09:15:02.123+01:00', 'timestamp')).toBe('2026-11-25T09:15:02.123+01:00');
  });

  it('lines end in CRLF, and a real CSV parser reads back exactly what was written', () => {
    const fields: FieldSpec[] = [
      { name: 'title', kind: 'text' },
      { name: 'tokens', kind: 'integer' },
      { name: 'cost_usd', kind: 'decimal' },
    ];
    const titles = ['=1+2', 'comma, "quote"\r\nnewline', 'ünïcødé ✓', '', '-minus'];
    const text = csvHeader(fields) + titles.map((t, i) => csvLine([t, i, i === 3 ? null : `0.00000000${i}`], fields)).join('');
    expect(text.startsWith('title,tokens,cost_usd\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(parsed.map((r) => r.title)).toEqual(["'=1+2", 'comma, "quote"\r\nnewline', 'ünïcødé ✓', '', "'-minus"]);
    expect(parsed.map((r) => r.cost_usd)).toEqual(['0.000000000', '0.000000001', '0.000000002', '', '0.000000004']);
  });

  it('request reports carry every field the issue names, in that order', () => {
    const names = fieldsFor('request').map((f) => f.name);
    const required = [
      'request_id', 'started_at', 'conversation_id', 'conversation_title', 'provider', 'model', 'status', 'usage_source',
      'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
      'input_usd_per_mtok', 'output_usd_per_mtok', 'cost_usd', 'ttft_ms', 'duration_ms', 'error',
    ];
    expect(names.filter((n) => required.includes(n))).toEqual(required);
    expect(fieldsFor('model').map((f) => f.name)).toEqual([
      'model', 'requests', 'refused_requests', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens',
      'reasoning_tokens', 'cost_usd', 'unpriced_requests', 'estimated_requests',
    ]);
  });
});

describe('SQLite renders request cells exactly as the JavaScript writers do', () => {
  const sqlite = new Database(':memory:');
  const db = readOnlyView(sqlite);
  // Ledger columns hold INTEGERs; a bound JS number would be a REAL, so it is cast back.
  const render = (sql: string, value: unknown, timeZone = 'Europe/Berlin') =>
    db.prepare<{ v: unknown }>(`SELECT ${sql} AS v FROM (SELECT CASE WHEN typeof(@x) = 'real' THEN CAST(@x AS INTEGER) ELSE @x END AS x)`).get({ x: value, timeZone })!.v;
  const TEXTS = ['', 'plain', '=1+2', '+x', '-', '-5', '@a', '\tTab', '\rCR', 'a,b', 'q"uote', 'line\nbreak', 'cr\rin', '=HYPERLINK("a","b")', 'ünï ✓ 🌍', ' lead', "it's", '""', ','];

  it('text cells: guard and quotes', () => {
    for (const text of [...TEXTS, null]) expect(render(csvCellSql('x', 'text'), text), JSON.stringify(text)).toBe(csvCell(text, 'text'));
  });

  it('dollars: 9 places from nano-dollars, as formatUsd', () => {
    for (const nanos of [0, 1, 999_999_999, 1_000_000_000, 123_456_789_012, -1, -1_000_000_001, Number.MAX_SAFE_INTEGER]) {
      expect(render(csvCellSql('x', 'decimal'), nanos)).toBe(formatUsd(nanodollars(nanos)));
      expect(render(plainCellSql('x', 'decimal'), nanos)).toBe(formatUsd(nanodollars(nanos)));
    }
    expect(render(csvCellSql('x', 'decimal'), null)).toBe('');
    expect(render(plainCellSql('x', 'decimal'), null)).toBeNull();
  });

  it('integers and timestamps', () => {
    for (const n of [0, -5, 123_456_789, null]) expect(render(csvCellSql('x', 'integer'), n)).toBe(csvCell(n, 'integer'));
    for (const zone of ['Europe/Berlin', 'America/St_Johns', 'UTC']) {
      for (const ms of [Date.UTC(2026, 9, 25, 0, 59, 59, 999), Date.UTC(2026, 9, 25, 1, 0, 0, 0), Date.UTC(2026, 10, 1, 12, 0, 0, 7)]) {
        expect(render(csvCellSql('x', 'timestamp'), ms, zone)).toBe(isoTimestampFormatter(zone)(ms));
      }
    }
  });

  it('timestamps computed by SQLite from the zone’s offsets equal the JavaScript ones, across DST changes', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const from = Date.UTC(2026, 2, 1);
      const to = Date.UTC(2026, 11, 1);
      const time = zonedTimestampSql(from, to, zone);
      const statement = db.prepare<{ v: string }>(`SELECT ${time.sql('x')} AS v FROM (SELECT CAST(@x AS INTEGER) AS x)`);
      const iso = isoTimestampFormatter(zone);
      // Every ~2 hours across nine months, every minute around each change, and outside the window.
      const instants = [from - 1, from, to - 1, to, to + 86_400_000];
      for (let t = from; t < to; t += 7_200_000 + 1_237) instants.push(t);
      for (const span of offsetSpans(from, to, zone).slice(1)) for (let t = span.fromMs - 3_600_000; t < span.fromMs + 3_600_000; t += 60_000) instants.push(t, t + 999);
      for (const x of instants) expect(statement.get({ ...time.params, x, timeZone: zone })!.v, `${zone} ${x}`).toBe(iso(x));
    }
  });

  it('a whole line and a whole JSON object', () => {
    const columns = TEXTS.map((_, i) => ({ name: `t${i}`, kind: 'text' as const, sql: `@t${i}` }));
    const params = Object.fromEntries(TEXTS.map((t, i) => [`t${i}`, t]));
    const line = db.prepare<{ v: string }>(`SELECT ${csvLineSql(columns)} AS v`).get(params)!.v;
    expect(line).toBe(csvLine(TEXTS, columns));
    const object = db.prepare<{ v: string }>(`SELECT ${jsonObjectSql(columns)} AS v`).get(params)!.v;
    expect(JSON.parse(object)).toEqual(jsonRecord(TEXTS, columns));
  });
});
