import type { Dispatch } from '../api/dispatcher';
import type { BillCheckService } from '../bill-check/bill-check-service';
import type { BudgetService } from '../budgets/budget-service';
import type { BudgetStore } from '../budgets/budget-store';
import type { ChatService } from '../chat/chat-service';
import type { RecoveryReport } from '../chat/recover-interrupted';
import type { AttachmentStaging } from '../attachments/attachment-staging';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { ConversationStore } from '../conversations/conversation-store';
import type { DeviceSyncService } from '../devices/device-sync';
import type { SyncTiming } from '../devices/sync-schedule';
import type { Store } from '../db/open-database';
import type { RequestLedger } from '../ledger/request-ledger';
import type { PriceOverrideStore } from '../price-overrides/price-override-store';
import type { ProviderResolver } from '../provider-config/provider-resolver';
import type { ProviderSettings } from '../provider-config/provider-settings';
import type { ProviderStore } from '../provider-config/provider-store';
import type { CallOptions } from '../providers/provider-types';
import type { MonthForecaster } from '../insights/month-forecast';
import type { WhatIfService } from '../insights/what-if-service';
import type { ReportDb } from '../reports/report-db';
import type { SecretStore } from '../secrets/secret-store';
import type { BudgetSettings } from '../settings-admin/budget-settings';
import type { GeneralSettings } from '../settings-admin/general-settings';
import type { PriceDataUpdates } from '../settings-admin/price-data-updates';
import type { PriceSettings } from '../settings-admin/price-settings';
import type { SettingsStore } from '../settings/settings-store';
import type { HistoryDeletedView } from '../../../shared/contract/settings-contract';
import type { AppInfo } from '../../../shared/contract/app-contract';
import type { EventBus } from './event-bus';
import type { ConversationExports } from '../conversations/conversation-exports';

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
  /**
   * Asks the user where to save an export (the desktop app's save dialog, in main), offering
   * `suggestedName`; resolves with the chosen path, or undefined when the user cancelled. Hosts
   * without a dialog leave it out, and their window downloads the export's text instead.
   */
  chooseExportFile?: (suggestedName: string) => Promise<string | undefined>;
  /** When devices sync through the sync folder; false leaves every pass to explicit calls (tests). */
  deviceSync?: SyncTiming | false;
  /** How many of its own segments a device keeps before folding them into one. */
  compactAfterSegments?: number;
}

/**
 * The application services every host goes through: the window's handlers, the CLI's commands
 * and browser mode call these, never a store or SQL of their own. Built once, in createCore.
 */
export interface AppServices {
  budgets: BudgetService;
  /** This device, the sync folder and the other devices' freshness (src/main/core/devices). */
  devices: DeviceSyncService;
  budgetSettings: BudgetSettings;
  prices: PriceSettings;
  priceData: PriceDataUpdates;
  providerSettings: ProviderSettings;
  general: GeneralSettings;
  backup: (now: number, timeZone: string) => Promise<{ file: string; bytes: number }>;
  deleteAllHistory: () => HistoryDeletedView;
  /** Reports read through a handle that refuses any statement that would write. */
  reportDb: ReportDb;
  /** The month-end forecast, overall and per cap (issue 19). */
  forecast: MonthForecaster;
  /** The period's token counts priced on another model; reads only (issue 19). */
  whatIf: WhatIfService;
  /** The provider's own account figures against the ledger (issue 19). */
  billCheck: BillCheckService;
  /** A conversation as Markdown or JSON, with each answer's model, tokens and cost (issue 16). */
  conversationExports: ConversationExports;
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
  /** Files picked in the composer or named by `chat --attach`, held until they are sent or discarded. */
  staging: AttachmentStaging;
  /** Files sent with messages, in the data folder. */
  attachmentStore: AttachmentStore;
  services: AppServices;
  /** What start-up recovery found: rows a dead process left open, now `interrupted`. */
  recovery: RecoveryReport;
  clock: () => number;
  newId: () => string;
  /** Cancels running streams (metered as cancelled), then closes the database. */
  close(): Promise<void>;
}
