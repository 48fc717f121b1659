import { parseArgs } from 'node:util';
import { readDatabaseFacts } from '../../core/db/database-facts';
import { databaseFile } from '../../core/db/default-data-dir';
import { CorruptLedgerError, fullIntegrityProblems, fullIntegrityProblemsOfFile } from '../../core/db/integrity-check';
import { appVersion } from '../app-version';
import { EXIT, type CliCommand, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-option';
import { openLedgerForReading } from '../open-ledger-for-reading';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Open (and migrate) the database, check it for damage, and print where it is and what it holds',
  usage: 'tallychat doctor [--data-dir DIR] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    let ledger;
    try {
      ledger = openLedgerForReading(values['data-dir'], io);
    } catch (error) {
      if (error instanceof CorruptLedgerError) return damaged(resolveDataDir(values['data-dir'], io.env), error, io);
      throw error;
    }
    try {
      const facts = { ...readDatabaseFacts(ledger.core.store), file: ledger.file };
      const problems = fullIntegrityProblems(ledger.core.store);
      if (values.json) {
        const access = ledger.readOnlyBecause === undefined ? 'read-write' : 'read-only';
        io.stdout(`${JSON.stringify({ version: appVersion(), dataDir: ledger.dataDir, ...facts, access, integrityProblems: problems }, null, 2)}\n`);
      } else {
        const lines = [
          `Tallychat ${appVersion()}`,
          `data folder:    ${ledger.dataDir}`,
          `database:       ${facts.file}`,
          ...(ledger.readOnlyBecause === undefined ? [] : [`access:         read-only (${ledger.readOnlyBecause})`]),
          `schema version: ${facts.schemaVersion}`,
          `sqlite:         ${facts.sqliteVersion} (journal ${facts.journalMode})`,
          'rows:',
          ...Object.entries(facts.rowCounts).map(([table, n]) => `  ${table.padEnd(16)}${n}`),
          integrityLines(problems),
        ];
        io.stdout(`${lines.join('\n')}\n`);
      }
      if (problems.length === 0) return EXIT.ok;
      io.stderr(`tallychat doctor: ${new CorruptLedgerError(facts.file, `SQLite integrity check: ${problems[0]}`).message}\n`);
      return EXIT.failure;
    } finally {
      await ledger.close();
    }
  },
};

/** A damaged ledger is not opened for writing: read it as it is, list every problem, say what to do. */
function damaged(dataDir: string, error: CorruptLedgerError, io: CliIo): number {
  const lines = [`Tallychat ${appVersion()}`, `data folder:    ${dataDir}`, `database:       ${error.file}`];
  try {
    lines.push(integrityLines(fullIntegrityProblemsOfFile(databaseFile(dataDir))));
  } catch (readError) {
    lines.push(`integrity:      cannot be read (${readError instanceof Error ? readError.message : String(readError)})`);
  }
  io.stdout(`${lines.join('\n')}\n`);
  io.stderr(`tallychat doctor: ${error.message}\n`);
  return EXIT.failure;
}

function integrityLines(problems: string[]): string {
  if (problems.length === 0) return 'integrity:      ok';
  return [`integrity:      ${problems.length} problem${problems.length === 1 ? '' : 's'}`, ...problems.map((p) => `  ${p}`)].join('\n');
}
