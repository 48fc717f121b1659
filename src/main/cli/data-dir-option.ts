import { resolve } from 'node:path';
import { defaultDataDir } from '../core/db/default-data-dir';
import { CliUsageError } from './cli-io';

/** --data-dir wins, then TALLYCHAT_DATA_DIR, then the folder the desktop app uses. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  // An empty flag is a mistake (an unset shell variable), never a request for the real ledger.
  if (flag === '') throw new CliUsageError('--data-dir needs a folder; it was given an empty value');
  if (flag) return resolve(flag);
  if (env.TALLYCHAT_DATA_DIR) return resolve(env.TALLYCHAT_DATA_DIR);
  return defaultDataDir();
}

/** The data folder a command line names, for messages about its ledger; undefined when it names none validly. */
export function dataDirInArgs(args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const at = args.findIndex((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
  const flag = at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.slice('--data-dir='.length) : args[at + 1];
  try {
    return resolveDataDir(flag, env);
  } catch {
    return undefined;
  }
}
