import { randomUUID } from 'node:crypto';
import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { BudgetStore } from '../budgets/budget-store';
import { ChatService } from '../chat/chat-service';
import { recoverInterrupted, type RecoveryReport } from '../chat/recover-interrupted';
import { ConversationStore } from '../conversations/conversation-store';
import { databaseFile } from '../db/default-data-dir';
import { openStore, type Store } from '../db/open-database';
import { RequestLedger } from '../ledger/request-ledger';
import { PriceOverrideStore } from '../price-overrides/price-override-store';
import { ProviderResolver } from '../provider-config/provider-resolver';
import { ProviderStore } from '../provider-config/provider-store';
import { callProvider } from '../providers/call-provider';
import type { CallOptions } from '../providers/provider-types';
import { EnvironmentSecretStore, type SecretStore } from '../secrets/secret-store';
import { SettingsStore } from '../settings/settings-store';
import { createStoredTokenCountCache } from '../tokens/stored-token-counts';
import { createTokenCountCache } from '../tokens/token-count-cache';
import type { AppInfo } from '../../../shared/contract/app-contract';
import { EventBus } from './event-bus';
import { buildHandlers } from './handlers/index';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  host: AppInfo['host'];
  nativeBinding?: string;
  migrationsFolder?: string;
  secrets?: SecretStore;
  clock?: () => number;
  newId?: () => string;
  callOptions?: Partial<CallOptions>;
  checkpointIntervalMs?: number;
  onInternalError?: (method: string, error: unknown) => void;
}

/** The core as every host sees it. No Electron here: the same object runs the app, the CLI and browser mode. */
export interface Core {
  store: Store;
  events: EventBus;
  dispatch: Dispatch;
  ledger: RequestLedger;
  budgets: BudgetStore;
  conversations: ConversationStore;
  providers: ProviderStore;
  providerResolver: ProviderResolver;
  overrides: PriceOverrideStore;
  settings: SettingsStore;
  secrets: SecretStore;
  chat: ChatService;
  /** What start-up recovery found: rows a dead process left open, now `interrupted`. */
  recovery: RecoveryReport;
  clock: () => number;
  /** Cancels running streams (metered as cancelled), then closes the database. */
  close(): Promise<void>;
}

/** Token counts of messages already seen, so pre-flight of a long conversation tokenizes only new text. */
const TOKEN_CACHE_ENTRIES = 5000;

export function createCore(options: CoreOptions): Core {
  const store = openStore({
    file: databaseFile(options.dataDir),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  const clock = options.clock ?? Date.now;
  const events = new EventBus();
  const settings = new SettingsStore(store.sqlite);
  const timeZone = () => settings.get('timeZone');
  const ledger = new RequestLedger(store.sqlite, timeZone);
  const budgets = new BudgetStore(store.sqlite);
  const conversations = new ConversationStore(store.sqlite);
  const providers = new ProviderStore(store.sqlite);
  const overrides = new PriceOverrideStore(store.sqlite);
  const secrets = options.secrets ?? new EnvironmentSecretStore();
  const providerResolver = new ProviderResolver(providers, secrets);
  const chat = new ChatService({
    sqlite: store.sqlite,
    ledger,
    budgets,
    conversations,
    overrides,
    resolveProvider: (id) => providerResolver.resolve(id),
    describeProvider: (id) => providerResolver.describe(id),
    providerName: (id) => providerResolver.nameOf(id),
    callProvider,
    ...(options.callOptions ? { callOptions: options.callOptions } : {}),
    tokenCache: createStoredTokenCountCache(store.sqlite, createTokenCountCache(TOKEN_CACHE_ENTRIES)),
    timeZone,
    clock,
    newId: options.newId ?? randomUUID,
    emit: (event) => events.emit(event),
    ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
  });
  ledger.rebuildRollupIfMissing();
  const recovery = recoverInterrupted(ledger, overrides, clock());

  let closed = false;
  const services: Omit<Core, 'dispatch'> = {
    store,
    events,
    ledger,
    budgets,
    conversations,
    providers,
    providerResolver,
    overrides,
    settings,
    secrets,
    chat,
    recovery,
    clock,
    close: async () => {
      if (closed) return;
      closed = true;
      await chat.cancelAll('shutdown');
      store.close();
    },
  };
  const dispatch = createDispatcher(
    buildHandlers(services, options),
    options.onInternalError ? { onInternalError: options.onInternalError } : {},
  );
  return { ...services, dispatch };
}
