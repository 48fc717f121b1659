/** The terminal as a command sees it, injectable so tests capture exact output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
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

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
