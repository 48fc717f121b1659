/** Settings: providers, keys, prices, budgets, general (issue 7). */
import { z } from 'zod';
import type { SearchContextSize } from '../usage';
import type { CapView } from './budget-contract';
import { SYSTEM_PROMPT_MAX_CHARS } from '../system-prompt';
import { method } from './define-method';

export const PROVIDER_KIND_VALUES = [
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'xai',
  'mistral',
  'perplexity',
  'ollama',
  'openai-compatible',
] as const;
export type ProviderKindValue = (typeof PROVIDER_KIND_VALUES)[number];

/** Where keys are kept, and whether storing one needs the user's consent to a weaker scheme. */
export interface KeyStorageView {
  description: string;
  canStore: boolean;
  /** Present only where no OS keychain is available. */
  weakerScheme: { reason: string; scheme: string; accepted: boolean } | null;
}

export interface ProviderKindView {
  kind: ProviderKindValue;
  displayName: string;
  /** Null for openai-compatible: the user names the endpoint. */
  defaultBaseUrl: string | null;
  needsKey: boolean;
}

export interface ModelDefaultsView {
  model: string;
  maxOutputTokens: number | null;
  temperature: number | null;
  /** Null where the kind has one API; otherwise the API the model is called through, and whether the user chose it. */
  api: { api: 'chat' | 'responses'; chosen: boolean } | null;
}

/** A configured provider as Settings shows it: never the key, at most its last four characters. */
export interface ProviderSettingsView {
  id: string;
  kind: ProviderKindValue;
  name: string;
  baseUrl: string;
  keyStored: boolean;
  keyLast4: string | null;
  needsKey: boolean;
  /** The plain-http warning for this base URL, when it applies. */
  urlWarning: string | null;
  models: ModelDefaultsView[];
}

export type BaseUrlCheckView = { ok: true; url: string; warning: string | null } | { ok: false; error: string };

/** Unit prices in nano-dollars per million tokens, and per-call fees in nano-dollars per call. */
export interface UnitPriceView {
  inputNanosPerMTok: number;
  outputNanosPerMTok: number;
  cacheReadNanosPerMTok: number | null;
  cacheWriteNanosPerMTok: number | null;
  /** Anthropic's 1-hour cache writes; null: the catalog's, else 2× the input price. */
  cacheWrite1hNanosPerMTok: number | null;
  /** A fee per request (Perplexity's); null: none named. */
  requestFeeNanos: number | null;
  /** Where the request fee depends on the search context (Perplexity's catalog price): the fee per size; requestFeeNanos is the highest. */
  requestFeeBySearchContextNanos: Readonly<Record<SearchContextSize, number>> | null;
  webSearchFeeNanos: number | null;
}

export interface CatalogPriceView extends UnitPriceView {
  source: string;
  /** The catalog prices long prompts differently; the figures here are the base tier. */
  tiered: boolean;
}

export interface PriceOverrideView extends UnitPriceView {
  id: string;
  effectiveFrom: number;
  /** The local day (in the user's time zone) it takes effect: "2026-03-01". */
  effectiveDay: string;
  /** Ledger rows charged at this override; such an override cannot be deleted. */
  usedByRequests: number;
}

export interface PriceRowView {
  providerId: string;
  providerName: string;
  model: string;
  catalog: CatalogPriceView | null;
  /** The override in force now, if any. */
  activeOverrideId: string | null;
  overrides: PriceOverrideView[];
}

export interface BudgetsView {
  month: string;
  caps: CapView[];
  /** What a provider cap can apply to. */
  providers: { id: string; name: string }[];
  strictCapsByDefault: boolean;
}

export interface DisplayCurrencyView {
  code: string;
  /** Units of the currency per US dollar, as the user typed it. */
  usdRate: string;
  asOf: string;
}

export interface GeneralSettingsView {
  timeZone: string;
  systemTimeZone: string;
  timeZones: string[];
  displayCurrency: DisplayCurrencyView | null;
  /** Long conversations' stable prefix is marked for the provider's prompt cache (Anthropic). */
  promptCaching: boolean;
  /** Notifications of caps nearing or reaching their limit and of unusual days (issue 19). */
  spendAlerts: boolean;
  /** Sent with every conversation that has no system prompt of its own; '' sends none. */
  defaultSystemPrompt: string;
  dataDir: string;
  databaseFile: string;
  backupsDir: string;
}

export interface HistoryDeletedView {
  conversations: number;
  messages: number;
  requests: number;
}

/** The phrase the danger zone asks for, so a stray call cannot wipe the history. */
export const DELETE_HISTORY_CONFIRMATION = 'delete all history';

const id = z.string().min(1).max(200);
const modelId = z.string().trim().min(1).max(300);
const providerName = z.string().trim().min(1).max(100);
const baseUrl = z.string().trim().min(1).max(2000);
/** Keys are opaque; a bound stops a pasted document, and whitespace inside one is a paste mistake. */
const apiKey = z.string().trim().min(1).max(1000).regex(/^\S+$/, 'an API key has no spaces or line breaks');
/** Dollars as decimal text ("2.5", "0.01875"): the main process converts it exactly, never via a float. */
const usdText = z.string().trim().regex(/^\d{1,9}(\.\d{1,9})?$/, 'a dollar amount like 2.50, at most 9 decimals');
const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-03-01');
const scope = z.enum(['overall', 'provider', 'model']);

export const settingsContract = {
  settingsKeyStorage: method<KeyStorageView>()(z.object({}).strict()),
  settingsAcceptWeakerKeyStorage: method<KeyStorageView>()(z.object({ accept: z.literal(true) }).strict()),

  settingsProviderKinds: method<ProviderKindView[]>()(z.object({}).strict()),
  settingsProviders: method<ProviderSettingsView[]>()(z.object({}).strict()),
  settingsCheckBaseUrl: method<BaseUrlCheckView>()(z.object({ baseUrl: z.string().max(2000) }).strict()),
  settingsProviderAdd: method<ProviderSettingsView>()(
    z.object({ kind: z.enum(PROVIDER_KIND_VALUES), name: providerName.optional(), baseUrl: baseUrl.optional(), apiKey: apiKey.optional() }).strict(),
  ),
  /** Omitted fields stay as they are; the key is replaced only when a new one is given. */
  settingsProviderUpdate: method<ProviderSettingsView>()(
    z
      .object({ id, name: providerName.optional(), baseUrl: baseUrl.optional(), apiKey: apiKey.optional(), removeKey: z.literal(true).optional() })
      .strict(),
  ),
  settingsProviderRemove: method<{ removed: boolean }>()(z.object({ id }).strict()),
  /** Lists the endpoint's models with the stored key; a failure is a provider_error with the reason. */
  settingsProviderTest: method<{ models: string[] }>()(z.object({ id }).strict()),
  settingsProviderModels: method<ProviderSettingsView>()(z.object({ id, models: z.array(modelId).max(500) }).strict()),
  settingsModelDefaults: method<ProviderSettingsView>()(
    z
      .object({
        id,
        model: modelId,
        maxOutputTokens: z.number().int().positive().max(10_000_000).nullable(),
        temperature: z.number().min(0).max(2).nullable(),
        /** Omitted: the API stays as it is; null: back to the model's default. */
        api: z.enum(['chat', 'responses']).nullable().optional(),
      })
      .strict(),
  ),

  settingsPrices: method<PriceRowView[]>()(z.object({}).strict()),
  settingsPriceOverrideAdd: method<PriceRowView>()(
    z
      .object({
        providerId: id,
        model: modelId,
        input: usdText,
        output: usdText,
        cacheRead: usdText.optional(),
        cacheWrite: usdText.optional(),
        cacheWrite1h: usdText.optional(),
        requestFee: usdText.optional(),
        webSearchFee: usdText.optional(),
        effectiveFrom: localDay,
      })
      .strict(),
  ),
  settingsPriceOverrideDelete: method<{ deleted: boolean }>()(z.object({ id }).strict()),

  settingsBudgets: method<BudgetsView>()(z.object({}).strict()),
  settingsBudgetSet: method<BudgetsView>()(
    z
      .object({
        scope,
        scopeValue: z.string().trim().max(300).optional(),
        cap: usdText,
        warnAtPercent: z.number().int().min(1).max(100).optional(),
        strict: z.boolean().optional(),
      })
      .strict(),
  ),
  settingsBudgetClear: method<BudgetsView>()(z.object({ scope, scopeValue: z.string().max(300).optional() }).strict()),

  settingsGeneral: method<GeneralSettingsView>()(z.object({}).strict()),
  settingsTimeZoneSet: method<GeneralSettingsView>()(z.object({ timeZone: z.string().min(1).max(100) }).strict()),
  settingsPromptCachingSet: method<GeneralSettingsView>()(z.object({ enabled: z.boolean() }).strict()),
  settingsDefaultSystemPromptSet: method<GeneralSettingsView>()(z.object({ text: z.string().max(SYSTEM_PROMPT_MAX_CHARS) }).strict()),
  settingsDisplayCurrencySet: method<GeneralSettingsView>()(
    z
      .object({
        currency: z
          .object({
            code: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO code like EUR'),
            usdRate: z.string().trim().regex(/^\d{1,9}(\.\d{1,9})?$/, 'a positive rate like 0.92'),
          })
          .strict()
          .nullable(),
      })
      .strict(),
  ),
  settingsBackupDatabase: method<{ file: string; bytes: number }>()(z.object({}).strict()),
  settingsDeleteAllHistory: method<HistoryDeletedView>()(z.object({ confirm: z.literal(DELETE_HISTORY_CONFIRMATION) }).strict()),
};
