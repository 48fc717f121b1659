import type { appContract } from '../../../../shared/contract/app-contract';
import type { AreaHandlers, CoreServices, HostFacts } from './handler-types';

export function appHandlers(core: Pick<CoreServices, 'store'>, host: HostFacts): AreaHandlers<typeof appContract> {
  return {
    appInfo: () => ({
      version: host.appVersion,
      host: host.host,
      dataDir: host.dataDir,
      databaseFile: core.store.file,
      schemaVersion: core.store.schemaVersion,
      platform: process.platform,
    }),
  };
}
