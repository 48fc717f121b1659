import { z } from 'zod';
import type Database from 'better-sqlite3';
import { SYSTEM_PROMPT_MAX_CHARS } from '../../../shared/system-prompt';
import { isValidTimeZone, systemTimeZone } from '../time/zoned-calendar';

/** Every setting with its schema and default: one place to read what the app can be told. */
const SETTINGS = {
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
  /** Whether new caps cut a running answer off at the cap (DESIGN.md, "Budgets"). */
  strictCapsByDefault: z.boolean(),
  displayCurrency: z.object({ code: z.string().regex(/^[A-Z]{3}$/), usdRate: z.string(), asOf: z.string() }).nullable(),
  /** This device's id in the sync folder, minted once (src/main/core/devices/device-identity.ts). */
  deviceId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).nullable(),
  deviceName: z.string().min(1).max(80).nullable(),
  /** The folder inside the user's synced folder that devices share; null when sync is off. */
  syncFolder: z.string().min(1).nullable(),
  /**
   * Where "Update prices" fetches the catalog's data from; null: the price package's own address
   * (price-data-updates.ts), so reading a setting never loads the package and its whole catalog.
   */
  priceDataUrl: z.string().regex(/^https?:\/\//i).nullable(),
  /** Whether long conversations' stable prefix is marked for the provider's prompt cache (Anthropic). */
  promptCaching: z.boolean(),
  /** Whether the app notifies when a cap nears or reaches its limit, or a day's spend is far above the usual. */
  spendAlerts: z.boolean(),
  /** A bill-check day whose billed and ledger sums differ by more than this (basis points, 1/100 %) is flagged. */
  billCheckThresholdBasisPoints: z.number().int().min(1).max(10_000),
  /** The system prompt of conversations that have none of their own; '' sends none. */
  defaultSystemPrompt: z.string().max(SYSTEM_PROMPT_MAX_CHARS),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

const DEFAULTS: { [K in SettingKey]: () => SettingValue<K> } = {
  timeZone: systemTimeZone,
  strictCapsByDefault: () => false,
  displayCurrency: () => null,
  deviceId: () => null,
  deviceName: () => null,
  syncFolder: () => null,
  priceDataUrl: () => null,
  promptCaching: () => true,
  spendAlerts: () => true,
  billCheckThresholdBasisPoints: () => 200,
  defaultSystemPrompt: () => '',
};

export class SettingsStore {
  private readonly getStatement;
  private readonly setStatement;

  constructor(sqlite: Database.Database) {
    this.getStatement = sqlite.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
    this.setStatement = sqlite.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    );
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.getStatement.get(key);
    if (!row) return DEFAULTS[key]();
    const parsed = SETTINGS[key].safeParse(JSON.parse(row.value_json));
    // A value an older or newer version wrote that no longer fits is read as the default, not a crash.
    return parsed.success ? (parsed.data as SettingValue<K>) : DEFAULTS[key]();
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    const parsed = SETTINGS[key].parse(value);
    this.setStatement.run(key, JSON.stringify(parsed));
  }
}
