import { appVersion } from './app-version';
import { CliUsageError, EXIT, processIo, type CliCommand, type CliIo } from './cli-io';
import { budgetCommand } from './commands/budget-command';
import { chatCommand } from './commands/chat-command';
import { devicesCommand } from './commands/devices-command';
import { doctorCommand } from './commands/doctor-command';
import { pricesCommand } from './commands/prices-command';
import { reportCommand } from './commands/report-command';
import { uiCommand } from './commands/ui-command';

const COMMANDS: CliCommand[] = [chatCommand, uiCommand, reportCommand, budgetCommand, pricesCommand, devicesCommand, doctorCommand];

function helpText(): string {
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
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(`${helpText()}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${appVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr(`tallychat: unknown command "${first}". Run \`tallychat --help\` for the list.\n`);
    return EXIT.usage;
  }
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
    io.stderr(`tallychat ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
