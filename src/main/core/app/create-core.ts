import { randomUUID } from 'node:crypto';
import { createDispatcher } from '../api/dispatcher';
import { SpendAlerts } from '../alerts/spend-alerts';
import { BillCheckService } from '../bill-check/bill-check-service';
import { BillStore } from '../bill-check/bill-store';
import { BudgetService } from '../budgets/budget-service';
import { BudgetStore } from '../budgets/budget-store';
import { AttachmentStaging } from '../attachments/attachment-staging';
import { AttachmentStore } from '../attachments/attachment-store';
import { ChatService } from '../chat/chat-service';
import { MessageAttachments } from '../chat/message-attachments';
import { recoverInterrupted } from '../chat/recover-interrupted';
import { ConversationStore } from '../conversations/conversation-store';
import { databaseFile } from '../db/default-data-dir';
import { DeviceIdentityStore } from '../devices/device-identity';
import { DeviceLedger } from '../devices/device-ledger';
import { DeviceRegistry } from '../devices/device-registry';
import { DeviceSyncService } from '../devices/device-sync';
import { scheduleDeviceSync } from '../devices/sync-schedule';
import { openStore } from '../db/open-database';
import { MonthForecaster } from '../insights/month-forecast';
import { WhatIfService } from '../insights/what-if-service';
import { RequestLedger } from '../ledger/request-ledger';
import { PriceOverrideStore } from '../price-overrides/price-override-store';
import { PriceCatalog } from '../pricing/price-catalog';
import { ProviderResolver } from '../provider-config/provider-resolver';
import { ProviderSettings } from '../provider-config/provider-settings';
import { ProviderStore } from '../provider-config/provider-store';
import { callProvider, listModels } from '../providers/call-provider';
import { readOnlyView } from '../reports/report-db';
import { EnvironmentSecretStore } from '../secrets/secret-store';
import { BudgetSettings } from '../settings-admin/budget-settings';
import { serializedBackups } from '../settings-admin/database-backup';
import { deleteAllHistory } from '../settings-admin/delete-history';
import { ConversationExports } from '../conversations/conversation-exports';
import { GeneralSettings } from '../settings-admin/general-settings';
import { PriceDataUpdates } from '../settings-admin/price-data-updates';
import { PriceSettings } from '../settings-admin/price-settings';
import { SettingsStore } from '../settings/settings-store';
import { createStoredTokenCountCache } from '../tokens/stored-token-counts';
import { createTokenCountCache } from '../tokens/token-count-cache';
import type { AppServices, Core, CoreOptions } from './core-types';
import { EventBus } from './event-bus';
import { buildHandlers } from './handlers/index';

export type { AppServices, Core, CoreOptions } from './core-types';

/** Token counts of messages already seen, so pre-flight of a long conversation tokenizes only new text. */
const TOKEN_CACHE_ENTRIES = 5000;

/**
 * The composition root: every store and service is built here, once, with the one clock and id
 * source of the options; hosts and handlers only receive what was built.
 */
export function createCore(options: CoreOptions): Core {
  const store = openStore({
    file: databaseFile(options.dataDir),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  const { sqlite } = store;
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const events = new EventBus();
  const settings = new SettingsStore(sqlite);
  const timeZone = () => settings.get('timeZone');
  const ledger = new RequestLedger(sqlite, timeZone);
  const budgetStore = new BudgetStore(sqlite, newId);
  const conversations = new ConversationStore(sqlite);
  const providers = new ProviderStore(sqlite);
  const overrides = new PriceOverrideStore(sqlite, newId);
  const catalog = new PriceCatalog(options.dataDir);
  const secrets = options.secrets ?? new EnvironmentSecretStore();
  const providerResolver = new ProviderResolver(providers, secrets);
  const providerName = (id: string) => providerResolver.nameOf(id);

  const budgets = new BudgetService({
    sqlite,
    budgets: budgetStore,
    providers,
    providerName,
    timeZone,
    strictByDefault: () => settings.get('strictCapsByDefault'),
    clock,
  });
  const devices = new DeviceSyncService({
    settings,
    identity: new DeviceIdentityStore(settings, newId),
    ledger: new DeviceLedger(sqlite, timeZone),
    registry: new DeviceRegistry(sqlite),
    clock,
    newId,
    ...(options.compactAfterSegments !== undefined ? { compactAfterSegments: options.compactAfterSegments } : {}),
    emit: (event) => events.emit(event),
  });
  const reportDb = readOnlyView(sqlite);
  const billCheck = new BillCheckService({ store: new BillStore(sqlite), providers, resolver: providerResolver, secrets, reportDb, settings, clock, newId });
  const attachmentStore = new AttachmentStore(sqlite, options.dataDir);
  const staging = new AttachmentStaging(options.dataDir, newId);
  // Staged files live one session; files a crash left without a row go now.
  staging.clear();
  attachmentStore.sweepOrphans();
  const services: AppServices = {
    budgets,
    devices,
    budgetSettings: new BudgetSettings({ budgets, providers, settings }),
    prices: new PriceSettings({ ledger, providers, overrides, catalog, timeZone, clock }),
    priceData: new PriceDataUpdates({ catalog, settings, clock }),
    providerSettings: new ProviderSettings({
      providers,
      resolver: providerResolver,
      secrets,
      listModels,
      clock,
      newId,
      onRemoved: (providerId) => billCheck.disable(providerId),
    }),
    general: new GeneralSettings({ settings, ledger, dataDir: options.dataDir, databaseFile: store.file, clock }),
    backup: serializedBackups(sqlite, options.dataDir),
    deleteAllHistory: () => deleteAllHistory(sqlite, attachmentStore),
    reportDb,
    forecast: new MonthForecaster({ sqlite, budgets, timeZone, clock }),
    whatIf: new WhatIfService({ db: reportDb, providers, overrides, catalog, providerName, clock }),
    billCheck,
    conversationExports: new ConversationExports(conversations, attachmentStore, providerName),
  };
  const alerts = new SpendAlerts({
    sqlite,
    budgets,
    timeZone,
    enabled: () => settings.get('spendAlerts'),
    clock,
    emit: (event) => events.emit(event),
  });
  const tokenCache = createStoredTokenCountCache(store.sqlite, createTokenCountCache(TOKEN_CACHE_ENTRIES));
  const chat = new ChatService({
    sqlite,
    ledger,
    budgets,
    alerts,
    conversations,
    overrides,
    catalog,
    resolveProvider: (id) => providerResolver.resolve(id),
    describeProvider: (id) => providerResolver.describe(id),
    callProvider,
    ...(options.callOptions ? { callOptions: options.callOptions } : {}),
    tokenCache,
    attachments: new MessageAttachments(staging, attachmentStore, tokenCache, newId),
    attachmentStore,
    staging,
    clock,
    newId,
    emit: (event) => events.emit(event),
    promptCaching: () => settings.get('promptCaching'),
    defaultSystemPrompt: () => settings.get('defaultSystemPrompt'),
    ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
  });
  const recovery = recoverInterrupted(ledger, overrides, catalog, clock());
  const syncSchedule = options.deviceSync === false ? undefined : scheduleDeviceSync(devices, events, options.deviceSync);

  let closed = false;
  const core: Omit<Core, 'dispatch'> = {
    store,
    events,
    ledger,
    budgets: budgetStore,
    conversations,
    staging,
    attachmentStore,
    providers,
    providerResolver,
    overrides,
    settings,
    secrets,
    chat,
    services,
    recovery,
    clock,
    newId,
    close: async () => {
      if (closed) return;
      closed = true;
      await chat.cancelAll('shutdown');
      await syncSchedule?.stop();
      store.close();
    },
  };
  const dispatch = createDispatcher(
    buildHandlers(core, options),
    options.onInternalError ? { onInternalError: options.onInternalError } : {},
  );
  return { ...core, dispatch };
}
