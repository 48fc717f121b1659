import { join } from 'node:path';
import { AppError } from '../../../shared/contract/ipc-result';
import type { GeneralSettingsView } from '../../../shared/contract/settings-contract';
import { parseUsd } from '../../../shared/money';
import type { RequestLedger } from '../ledger/request-ledger';
import type { SettingsStore } from '../settings/settings-store';
import { isValidTimeZone, localDayKey, systemTimeZone } from '../time/zoned-calendar';

export interface GeneralSettingsDeps {
  settings: SettingsStore;
  ledger: RequestLedger;
  dataDir: string;
  databaseFile: string;
  clock: () => number;
}

export const BACKUPS_FOLDER = 'backups';

/** Time zone, display currency and where the data lives. */
export class GeneralSettings {
  constructor(private readonly deps: GeneralSettingsDeps) {}

  view(): GeneralSettingsView {
    const { settings } = this.deps;
    return {
      timeZone: settings.get('timeZone'),
      systemTimeZone: systemTimeZone(),
      timeZones: Intl.supportedValuesOf('timeZone'),
      displayCurrency: settings.get('displayCurrency'),
      promptCaching: settings.get('promptCaching'),
      spendAlerts: settings.get('spendAlerts'),
      defaultSystemPrompt: settings.get('defaultSystemPrompt'),
      dataDir: this.deps.dataDir,
      databaseFile: this.deps.databaseFile,
      backupsDir: join(this.deps.dataDir, BACKUPS_FOLDER),
    };
  }

  /** Months and days are the user's own; the rollup's local days are recomputed under the new zone. */
  setTimeZone(timeZone: string): GeneralSettingsView {
    if (!isValidTimeZone(timeZone)) throw new AppError('invalid_request', `"${timeZone}" is not a time zone Tallychat knows (like Europe/Paris).`);
    if (timeZone !== this.deps.settings.get('timeZone')) {
      this.deps.settings.set('timeZone', timeZone);
      this.deps.ledger.rebuildRollup();
    }
    return this.view();
  }

  setPromptCaching(enabled: boolean): GeneralSettingsView {
    this.deps.settings.set('promptCaching', enabled);
    return this.view();
  }

  /** Surrounding blank space is a paste artifact, not an instruction; trimmed so '' means none. */
  setDefaultSystemPrompt(text: string): GeneralSettingsView {
    this.deps.settings.set('defaultSystemPrompt', text.trim());
    return this.view();
  }

  setSpendAlerts(enabled: boolean): GeneralSettingsView {
    this.deps.settings.set('spendAlerts', enabled);
    return this.view();
  }

  /** A view of USD at a rate the user sets; the ledger stays in USD. Null goes back to USD. */
  setDisplayCurrency(currency: { code: string; usdRate: string } | null): GeneralSettingsView {
    if (currency === null || currency.code === 'USD') {
      this.deps.settings.set('displayCurrency', null);
      return this.view();
    }
    // Validated exactly as decimal text; the rate is kept as typed so nothing is lost to a float.
    if (parseUsd(currency.usdRate) <= 0) throw new AppError('invalid_request', 'The exchange rate must be more than zero.');
    const asOf = localDayKey(this.deps.clock(), this.deps.settings.get('timeZone'));
    this.deps.settings.set('displayCurrency', { code: currency.code, usdRate: currency.usdRate, asOf });
    return this.view();
  }
}
