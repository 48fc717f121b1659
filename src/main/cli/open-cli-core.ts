import { createCore, type Core } from '../core/app/create-core';
import { EnvironmentSecretStore, type SecretStore } from '../core/secrets/secret-store';
import { appVersion } from './app-version';
import type { CliIo } from './cli-io';
import { resolveDataDir } from './data-dir-option';

/**
 * The core as the CLI runs it: by default keys come only from the environment and are never
 * written anywhere; browser mode passes its keychain-backed store.
 */
export function openCliCore(
  dataDirFlag: string | undefined,
  io: CliIo,
  options: { secrets?: SecretStore; host?: 'cli' | 'web' } = {},
): Core {
  return createCore({
    dataDir: resolveDataDir(dataDirFlag, io.env),
    appVersion: appVersion(),
    host: options.host ?? 'cli',
    secrets: options.secrets ?? new EnvironmentSecretStore(io.env),
    // A one-shot command must not wait on a slow sync folder; `tallychat devices` syncs when asked,
    // and the app or browser mode sharing this ledger exports its rows. Browser mode runs for long.
    ...(options.host === 'web' ? {} : { deviceSync: false as const }),
  });
}
