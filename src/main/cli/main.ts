import { databaseFile } from '../core/db/default-data-dir';
import { describeStorageFailure } from '../core/db/storage-errors';
import { appVersion } from './app-version';
import { dataDirInArgs } from './data-dir-option';
import { CliUsageError, EXIT, processIo, type CliCommand, type CliIo } from './cli-io';

function helpText(COMMANDS: readonly CliCommand[]): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'tallychat: chat with LLMs on your own API keys, and know what every message costs.',
    '',
    'Usage: tallychat <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  --help, -h     Show this help, or a command\'s usage with `tallychat <command> --help`',
    '  --version, -v  Print the version',
    '',
    'Data folder: --data-dir DIR, else $TALLYCHAT_DATA_DIR, else the desktop app\'s folder.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout(`${appVersion()}\n`);
    return EXIT.ok;
  }
  // Loaded only now: the commands pull in SQLite, the providers and the price catalog, which
  // `--version` has no use for (the bundle keeps them in chunks of their own).
  const { COMMAND_NAMES, isCommandName, loadCommand } = await import('./cli-commands');
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(`${helpText(await Promise.all(COMMAND_NAMES.map(loadCommand)))}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!isCommandName(first)) {
    io.stderr(`tallychat: unknown command "${first}". Run \`tallychat --help\` for the list.\n`);
    return EXIT.usage;
  }
  const command = await loadCommand(first);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: ${command.usage}\n\n${command.summary}.\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tallychat ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    const dataDir = dataDirInArgs(rest, io.env);
    const described = dataDir === undefined ? error : describeStorageFailure(databaseFile(dataDir), error);
    io.stderr(`tallychat ${command.name}: ${described instanceof Error ? described.message : String(described)}\n`);
    return EXIT.failure;
  }
}
