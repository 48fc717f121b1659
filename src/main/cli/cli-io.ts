import { escapeControlCharacters } from '../core/text/control-characters';

/** The terminal as a command sees it, injectable so tests capture exact output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * stderr carries vendor errors, model names and reasoning text: their control characters are
 * shown, not obeyed. stdout is the answer or the report itself, in the format asked for.
 */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(escapeControlCharacters(text, { keepLines: true })),
  env: process.env,
};

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage mistake: exit code 2 and the message, as POSIX tools do. */
export class CliUsageError extends Error {}

/** interrupted: stopped by Ctrl-C (SIGINT), 128 + 2 as shells report it. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
