/**
 * Issue 17's table at 1,000,000 requests, each figure beside its yardstick measured in the same
 * run (this machine is shared and noisy: medians of several runs, with min and max):
 *   - each migration since the base schema, timed on the 1M-row ledger (what an upgrade waits for);
 *   - the per-request CSV export through the built CLI against Debian's `sqlite3 -csv` writing
 *     the same columns of the same file, time and peak RSS (GNU time), runs alternating;
 *   - the conversation breakdown, the log's text search for a rare word and the per-model
 *     breakdown (all time), against the plain GROUP BY or scan they replaced;
 *   - the month's spend for caps when all 1M rows fall in one month (a second cached ledger),
 *     beside the ledger-only sum it replaced;
 *   - pre-flight of a 100,000-token conversation right after a restart, beside the first one ever;
 *   - `tallychat --version` against `node -e 0`.
 * The ledgers are built once and cached under /tmp (bench/ledger-fixture.ts).
 * Run: npx tsx bench/million-requests.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/app/create-core';
import { findMigrationsFolder, openStore } from '../src/main/core/db/open-database';
import { sumSpend } from '../src/main/core/ledger/ledger-sums';
import { UsageRollup } from '../src/main/core/ledger/usage-rollup';
import { conversationBreakdown } from '../src/main/core/reports/spending-overview';
import { openReadOnlyReportDb } from '../src/main/core/reports/report-db';
import { REQUEST_FIELDS } from '../src/main/core/reports/report-fields';
import { resolvePeriod } from '../src/main/core/reports/report-period';
import { requestLogPage } from '../src/main/core/reports/request-log';
import { usageReaderFor } from '../src/main/core/reports/usage-readers';
import { monthRangeOf } from '../src/main/core/time/zoned-calendar';
import { EnvironmentSecretStore } from '../src/main/core/secrets/secret-store';
import { warmUpEncoder } from '../src/main/core/tokens/encodings';
import { nanodollars } from '../src/shared/money';
import { startFakeProvider } from '../test/fake-provider';
import { seededRandom } from '../test/helpers/seeded-random';
import { fakeConversation, fakeText } from '../test/tokens/fake-conversation';
import { BASE_MIGRATIONS, copyOfBaseLedger, copyOfOneMonthLedger, FIXTURE_NOW, FIXTURE_TIME_ZONE, migrationsUpTo, RARE_WORD } from './ledger-fixture';

const EXPORT_RUNS = 5;
const QUERY_RUNS = 15;
const STARTUP_RUNS = 15;
const providerName = (id: string) => id;

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const ms = (s: Spread) => `median ${s.median.toFixed(2)} ms (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`;

function timeRuns(run: () => unknown, runs = QUERY_RUNS): Spread {
  run();
  return spread(
    Array.from({ length: runs }, () => {
      const started = performance.now();
      run();
      return performance.now() - started;
    }),
  );
}

function verdict(ok: boolean): string {
  return ok ? 'MET' : 'NOT MET';
}

/** GNU time's last stderr line: "<seconds> <max RSS KB>". */
function underTime(command: string, args: string[], stdoutFile: string): { seconds: number; peakMb: number } {
  const result = execFileSync('bash', ['-c', `/usr/bin/time -f '%e %M' "$@" > '${stdoutFile}' 2> '${stdoutFile}.time'; tail -1 '${stdoutFile}.time'`, 'bench', command, ...args], {
    encoding: 'utf8',
  });
  const [seconds, kb] = result.trim().split(/\s+/).map(Number) as [number, number];
  return { seconds, peakMb: kb / 1024 };
}

const CSV_COLUMNS = [
  'r.id', 'r.started_at', 'r.finished_at', 'r.conversation_id', 'c.title', 'r.provider_id', 'r.provider_id', 'r.model', 'r.status',
  'r.usage_source', 'r.input_tokens', 'r.cached_input_tokens', 'r.cache_write_tokens', 'r.output_tokens', 'r.reasoning_tokens',
  'r.price_input_usd_nanos_per_mtok', 'r.price_output_usd_nanos_per_mtok', 'r.price_cache_read_usd_nanos_per_mtok',
  'r.price_cache_write_usd_nanos_per_mtok', 'r.price_source', 'r.cost_usd_nanos', 'r.provider_cost_usd_nanos', 'r.ttft_ms',
  'r.duration_ms', 'r.finish_reason', 'r.cancel_reason', 'r.error',
  // Issue 15's columns, which the export has carried since: the yardstick writes every column the export does.
  'r.cache_write_5m_tokens', 'r.cache_write_1h_tokens', 'r.price_cache_write_1h_usd_nanos_per_mtok', 'r.request_calls',
  'r.price_request_usd_nanos_per_call', 'r.request_fee_usd_nanos', 'r.web_search_calls', 'r.price_web_search_usd_nanos_per_call',
  'r.web_search_fee_usd_nanos', 'r.call_fee_price_source',
];

// The yardstick must write the export's own columns: a column added to the export is added here too.
if (CSV_COLUMNS.length !== REQUEST_FIELDS.length) {
  throw new Error(`sqlite3's yardstick writes ${CSV_COLUMNS.length} columns, the export ${REQUEST_FIELDS.length}: add the new ones to CSV_COLUMNS`);
}

function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/**
 * Pre-flight of a 100,000-token conversation with three caps on the 1M rows of this month, as
 * ChatService.estimate runs it, in a fresh core each time (as after a restart). The encoder is
 * built before timing: hosts build it when idle after start (warmUpEncoder), off the Send path.
 */
async function benchPreflight(dataDir: string): Promise<void> {
  const fake = await startFakeProvider();
  try {
    const setup = createCore({ dataDir, appVersion: 'bench', host: 'cli', secrets: new EnvironmentSecretStore({ BENCH_KEY: 'sk-bench' }) });
    setup.providers.save({
      id: 'bench-openai', kind: 'openai', name: 'Bench OpenAI', baseUrl: `${fake.baseUrl}/v1`, keyRef: 'env:BENCH_KEY', keyLast4: 'ench',
      enabledModels: ['gpt-4o'], modelSettings: {}, createdAt: 0, updatedAt: 0,
    });
    setup.budgets.set({ scope: 'overall', monthlyCap: nanodollars(20_000_000_000) }, FIXTURE_NOW);
    setup.budgets.set({ scope: 'provider', scopeValue: 'bench-openai', monthlyCap: nanodollars(10_000_000_000) }, FIXTURE_NOW);
    setup.budgets.set({ scope: 'model', scopeValue: 'gpt-4o', monthlyCap: nanodollars(5_000_000_000) }, FIXTURE_NOW);
    const random = seededRandom(2025);
    setup.conversations.create({ id: 'bench-conversation', title: 'Bench', providerId: 'bench-openai', model: 'gpt-4o' }, 0);
    const add = setup.store.sqlite.prepare(`INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, 'bench-conversation', ?, ?, 'complete', ?)`);
    setup.store.sqlite.transaction(() => fakeConversation(random, 199, 1_980).forEach((m, i) => add.run(`m-${i}`, m.role, m.content, i + 1)))();
    await setup.close();
    warmUpEncoder();
    const input = { providerId: 'bench-openai', model: 'gpt-4o', conversationId: 'bench-conversation', text: fakeText(random, 1_980) };
    const estimateInFreshCore = async () => {
      const core = createCore({ dataDir, appVersion: 'bench', host: 'cli', secrets: new EnvironmentSecretStore({ BENCH_KEY: 'sk-bench' }) });
      try {
        const started = performance.now();
        const { estimate } = await core.chat.estimate(input);
        return { ms: performance.now() - started, tokens: estimate.inputTokens };
      } finally {
        await core.close();
      }
    };
    const first = await estimateInFreshCore();
    const runs = [];
    for (let run = 0; run < 7; run++) runs.push(await estimateInFreshCore());
    const cold = spread(runs.map((r) => r.ms));
    console.log(`\npre-flight of a ${first.tokens.toLocaleString('en-US')}-token conversation (199 messages + 1), 3 caps on 1M rows this month, fresh core each run:`);
    console.log(`  pre-flight right after a restart (counts stored): ${ms(cold)} [target ≤ 50 ms] ${verdict(cold.median <= 50)}; same tokens: ${runs.every((r) => r.tokens === first.tokens) ? 'yes' : 'NO'}`);
    console.log(`  yardstick, the first pre-flight ever (every message tokenized, as every restart did before): ${first.ms.toFixed(2)} ms`);
    console.log(`  the fake provider received ${fake.requests.length} requests (an estimate sends nothing)`);
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  console.log(`Issue 17 at 1,000,000 requests (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  const base = copyOfBaseLedger();
  try {
    // Migrations: each one alone, from the version before it, on the 1M-row ledger.
    const tags = migrationTags();
    for (let count = BASE_MIGRATIONS + 1; count <= tags.length; count++) {
      const folder = migrationsUpTo(count);
      const started = performance.now();
      openStore({ file: base.file, migrationsFolder: folder }).close();
      const seconds = (performance.now() - started) / 1000;
      rmSync(folder, { recursive: true, force: true });
      console.log(`migration ${tags[count - 1]}: ${seconds.toFixed(2)} s on 1M requests, 20,000 conversations, 200,000 messages`);
    }
    const started = performance.now();
    const core = createCore({ dataDir: base.dataDir, appVersion: 'bench', host: 'cli' });
    await core.close();
    console.log(`first start after the upgrade (rollups rebuilt once, their zone recorded): ${((performance.now() - started) / 1000).toFixed(2)} s\n`);

    // CSV export: the built CLI against sqlite3 -csv, alternating, same file and columns.
    execFileSync(process.execPath, ['bin/tallychat.mjs', '--version']); // builds the bundle if the sources changed
    const out = join(base.dataDir, 'export.csv');
    const yardstickOut = join(base.dataDir, 'sqlite3.csv');
    const sql = `SELECT ${CSV_COLUMNS.join(', ')} FROM requests r LEFT JOIN conversations c ON c.id = r.conversation_id
      WHERE r.status NOT IN ('pending', 'streaming') ORDER BY r.started_at, r.rowid`;
    const ours: { seconds: number; peakMb: number }[] = [];
    const theirs: { seconds: number; peakMb: number }[] = [];
    for (let run = 0; run < EXPORT_RUNS; run++) {
      theirs.push(underTime('sqlite3', ['-csv', '-header', base.file, sql], yardstickOut));
      ours.push(underTime(process.execPath, ['bin/tallychat.mjs', 'report', '--period', 'all', '--group-by', 'request', '--format', 'csv', '--output', out, '--data-dir', base.dataDir], join(base.dataDir, 'cli.out')));
    }
    const oursS = spread(ours.map((r) => r.seconds));
    const theirsS = spread(theirs.map((r) => r.seconds));
    const ratios = spread(ours.map((r, i) => r.seconds / theirs[i]!.seconds));
    const rss = spread(ours.map((r) => r.peakMb));
    console.log(`CSV export of every request, ${(statSync(out).size / 1048576).toFixed(0)} MB (sqlite3's: ${(statSync(yardstickOut).size / 1048576).toFixed(0)} MB), ${EXPORT_RUNS} alternating runs:`);
    console.log(`  sqlite3 -csv (yardstick)  median ${theirsS.median.toFixed(2)} s (min ${theirsS.min.toFixed(2)}, max ${theirsS.max.toFixed(2)}), peak RSS ${spread(theirs.map((r) => r.peakMb)).median.toFixed(0)} MB`);
    console.log(`  tallychat report --output median ${oursS.median.toFixed(2)} s (min ${oursS.min.toFixed(2)}, max ${oursS.max.toFixed(2)}), peak RSS median ${rss.median.toFixed(0)} MB (min ${rss.min.toFixed(0)}, max ${rss.max.toFixed(0)})`);
    console.log(`  CSV export: ${(oursS.median / theirsS.median).toFixed(2)}× sqlite3's time (per-run ratio median ${ratios.median.toFixed(2)}, min ${ratios.min.toFixed(2)}, max ${ratios.max.toFixed(2)}); peak RSS ${rss.median.toFixed(0)} MB [target ≤ 1.0×, ≤ 100 MB] ${verdict(oursS.median <= theirsS.median && rss.median <= 100)}\n`);

    // Dashboard queries on their own read-only connection, as the app's reports read.
    const reader = openReadOnlyReportDb(base.file);
    const db = reader.db;
    const allTime = resolvePeriod({ kind: 'all' }, FIXTURE_NOW, FIXTURE_TIME_ZONE);
    const conversations = timeRuns(() => conversationBreakdown(db, allTime, 200));
    const conversationsBefore = timeRuns(
      () => db.prepare('SELECT conversation_id, SUM(cost_usd_nanos) AS cost FROM usage_conversation_rollup GROUP BY conversation_id ORDER BY cost DESC').all(),
      5,
    );
    console.log(`conversation breakdown, all time (first 200 of ${conversationBreakdown(db, allTime, 200).total.toLocaleString('en-US')}): ${ms(conversations)} [target ≤ 20 ms] ${verdict(conversations.median <= 20)}`);
    console.log(`  yardstick, the GROUP BY over usage_conversation_rollup it replaced: ${ms(conversationsBefore)}`);

    const search = () => requestLogPage(db, allTime, { providerName, filter: { text: RARE_WORD } });
    const found = search().rows.length;
    const searchS = timeRuns(search);
    const scan = timeRuns(() => db.prepare("SELECT COUNT(*) FROM requests WHERE error LIKE '%quixotically%' OR id LIKE '%quixotically%'").all(), 3);
    console.log(`request log, text search for a rare word ("${RARE_WORD}", ${found} rows on the first page): ${ms(searchS)} [target ≤ 20 ms] ${verdict(searchS.median <= 20)}`);
    console.log(`  yardstick, one LIKE scan of the ledger's error and id columns: ${ms(scan)}`);
    const common = timeRuns(() => requestLogPage(db, allTime, { providerName, filter: { text: 'Conversation 1234,' } }));
    console.log(`  request log, text search for a title ("Conversation 1234,"): ${ms(common)}`);

    const perModel = timeRuns(() => usageReaderFor(db, allTime).groups('model'));
    const perModelLedger = timeRuns(() => db.prepare("SELECT model, SUM(cost_usd_nanos) FROM requests WHERE status NOT IN ('pending', 'streaming') GROUP BY model").all(), 3);
    console.log(`per-model breakdown, all time (daily rollup): ${ms(perModel)} [target ≤ 10 ms] ${verdict(perModel.median <= 10)}`);
    console.log(`  yardstick, GROUP BY model over the ledger: ${ms(perModelLedger)}`);
    reader.close();
  } finally {
    rmSync(base.dataDir, { recursive: true, force: true });
  }

  // Caps with every one of 1M rows in the month being capped.
  const month = copyOfOneMonthLedger();
  try {
    const core = createCore({ dataDir: month.dataDir, appVersion: 'bench', host: 'cli' });
    const sqlite = core.store.sqlite;
    const november = monthRangeOf(2026, 11, FIXTURE_TIME_ZONE);
    const rows = sqlite.prepare('SELECT COUNT(*) FROM requests WHERE started_at >= ? AND started_at < ?').pluck().get(november.startMs, november.endMs) as number;
    const ledgerOnly = (extra: string) =>
      sqlite.prepare(`SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM requests WHERE started_at >= @startMs AND started_at < @endMs ${extra}`).pluck();
    console.log(`\ncaps, ${rows.toLocaleString('en-US')} rows all in ${november.key} (${FIXTURE_TIME_ZONE}):`);
    for (const [label, filter, extra] of [
      ['overall', {}, ''],
      ['provider (openai)', { providerId: 'openai' }, "AND provider_id = 'openai'"],
      ['model (gpt-4o)', { model: 'gpt-4o' }, "AND model = 'gpt-4o'"],
    ] as const) {
      const range = { startMs: november.startMs, endMs: november.endMs, ...filter };
      const equal = sumSpend(sqlite, range).spent === ledgerOnly(extra).get(november);
      const s = timeRuns(() => sumSpend(sqlite, range));
      const before = timeRuns(() => ledgerOnly(extra).get(november), 5);
      console.log(`  caps, ${label}: sumSpend ${ms(s)} [target ≤ 20 ms] ${verdict(s.median <= 20)}; equal to the ledger's sum: ${equal ? 'yes' : 'NO'}`);
      console.log(`    yardstick, the ledger-only sum it replaced: ${ms(before)}`);
    }
    new UsageRollup(sqlite).rebuild('America/New_York');
    const utcRange = { startMs: november.startMs, endMs: november.endMs };
    const skewed = timeRuns(() => sumSpend(sqlite, utcRange));
    console.log(`  caps, overall, rollup rebuilt in America/New_York (6 h of edges from the ledger): sumSpend ${ms(skewed)}`);
    new UsageRollup(sqlite).rebuild(FIXTURE_TIME_ZONE);
    await core.close();
    await benchPreflight(month.dataDir);
  } finally {
    rmSync(month.dataDir, { recursive: true, force: true });
  }

  // Start-up: the built CLI's --version against node itself, alternating.
  const node: number[] = [];
  const cli: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run++) {
    let started = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    node.push(performance.now() - started);
    started = performance.now();
    execFileSync(process.execPath, ['bin/tallychat.mjs', '--version']);
    cli.push(performance.now() - started);
  }
  const nodeS = spread(node);
  const cliS = spread(cli);
  console.log(`\n\`tallychat --version\`: ${ms(cliS)}; \`node -e 0\`: ${ms(nodeS)}; ${(cliS.median / nodeS.median).toFixed(2)}× [target ≤ 2×] ${verdict(cliS.median <= 2 * nodeS.median)}`);
}

await main();
