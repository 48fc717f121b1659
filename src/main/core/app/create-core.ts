import { databaseFile } from '../db/default-data-dir';
import { openStore, type Store } from '../db/open-database';
import { createDispatcher, type Dispatch, type HandlerTable } from '../api/dispatcher';
import { EventBus } from './event-bus';
import type { AppInfo } from '../../../shared/contract/app-contract';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  host: AppInfo['host'];
  nativeBinding?: string;
  migrationsFolder?: string;
  onInternalError?: (method: string, error: unknown) => void;
}

/** The core as every host sees it: one store, one event bus, one dispatcher. No Electron here. */
export interface Core {
  store: Store;
  events: EventBus;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const store = openStore({
    file: databaseFile(options.dataDir),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  const events = new EventBus();
  const handlers: HandlerTable = {
    appInfo: () => ({
      version: options.appVersion,
      host: options.host,
      dataDir: options.dataDir,
      databaseFile: store.file,
      schemaVersion: store.schemaVersion,
      platform: process.platform,
    }),
  };
  const dispatch = createDispatcher(handlers, options.onInternalError ? { onInternalError: options.onInternalError } : {});
  return {
    store,
    events,
    dispatch,
    close: async () => store.close(),
  };
}
