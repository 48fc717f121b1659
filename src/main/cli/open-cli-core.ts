import { createCore, type Core } from '../core/app/create-core';
import { EnvironmentSecretStore } from '../core/secrets/secret-store';
import { appVersion } from './app-version';
import type { CliIo } from './cli-io';
import { resolveDataDir } from './data-dir-option';

/** The core as the CLI runs it: keys only from the environment, never written anywhere. */
export function openCliCore(dataDirFlag: string | undefined, io: CliIo): Core {
  return createCore({
    dataDir: resolveDataDir(dataDirFlag, io.env),
    appVersion: appVersion(),
    host: 'cli',
    secrets: new EnvironmentSecretStore(io.env),
  });
}
