import { parseArgs } from 'node:util';
import { readDatabaseFacts } from '../../core/db/database-facts';
import { appVersion } from '../app-version';
import { EXIT, type CliCommand } from '../cli-io';
import { resolveDataDir } from '../data-dir-option';
import { withCore } from '../with-core';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Open (and migrate) the database and print where it is and what it holds',
  usage: 'tallychat doctor [--data-dir DIR] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    return withCore(dataDir, io, (core) => {
      const facts = readDatabaseFacts(core.store);
      if (values.json) {
        io.stdout(`${JSON.stringify({ version: appVersion(), dataDir, ...facts }, null, 2)}\n`);
        return EXIT.ok;
      }
      const lines = [
        `Tallychat ${appVersion()}`,
        `data folder:    ${dataDir}`,
        `database:       ${facts.file}`,
        `schema version: ${facts.schemaVersion}`,
        `sqlite:         ${facts.sqliteVersion} (journal ${facts.journalMode})`,
        'rows:',
        ...Object.entries(facts.rowCounts).map(([table, n]) => `  ${table.padEnd(16)}${n}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    });
  },
};
