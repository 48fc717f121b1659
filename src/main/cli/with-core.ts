import { AppError } from '../../shared/contract/ipc-result';
import type { Core } from '../core/app/create-core';
import { CliUsageError, type CliIo } from './cli-io';
import { openCliCore } from './open-cli-core';

/**
 * Opens the core on the data folder, runs one command against it and closes it, whatever
 * happens. Every command goes through here: the CLI's single way in to the application services.
 */
export async function withCore<T>(dataDir: string | undefined, io: CliIo, run: (core: Core) => T | Promise<T>): Promise<T> {
  const core = openCliCore(dataDir, io);
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

/**
 * A service refused what the user typed (a scope it cannot apply to, a provider it does not know):
 * the same refusal the window shows, told as a usage mistake in the CLI's lower-case style.
 */
export function asUsageError(error: unknown): unknown {
  if (error instanceof AppError && (error.code === 'invalid_request' || error.code === 'not_found')) {
    const text = error.message.replace(/\.$/, '');
    return new CliUsageError(text.charAt(0).toLowerCase() + text.slice(1));
  }
  return error;
}

/** Runs a synchronous service call on what the user typed, its refusals told as usage mistakes. */
export function refusalsAsUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw asUsageError(error);
  }
}
