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
 * Runs a service call on what the user typed. When the service refuses it (a scope it cannot
 * apply to, a provider it does not know), that is the same refusal the window shows, told here
 * as a usage mistake in the CLI's lower-case style.
 */
export function refusalsAsUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'invalid_request' || error.code === 'not_found')) {
      const text = error.message.replace(/\.$/, '');
      throw new CliUsageError(text.charAt(0).toLowerCase() + text.slice(1));
    }
    throw error;
  }
}
