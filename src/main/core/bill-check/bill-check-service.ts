import { AppError } from '../../../shared/contract/ipc-result';
import type { BillCheckAccountView, BillCheckSettingsView, BillCheckView, BillVendorName } from '../../../shared/contract/bill-check-contract';
import type { ProviderConfig, ProviderStore } from '../provider-config/provider-store';
import type { ProviderResolver } from '../provider-config/provider-resolver';
import type { ReportDb } from '../reports/report-db';
import { SecretStoreError, type SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { BillFetchError } from './account-http';
import { billCheckView } from './bill-check-view';
import type { BillAccount, BillStore } from './bill-store';
import type { AccountEndpoint, AccountFigures, GenerationCost } from './bill-types';
import { endpointUrls, VENDORS, vendorOfKind } from './bill-vendors';
import { readAccount } from './read-account';
import { billMonth, InvalidMonthError, type BillMonth } from './bill-month';
import { rowsAwaitingProviderCost } from './ledger-days';
import { openRouterGenerationCost } from './openrouter-account';

export interface BillCheckDeps {
  store: BillStore;
  providers: ProviderStore;
  resolver: ProviderResolver;
  secrets: SecretStore;
  reportDb: ReportDb;
  settings: SettingsStore;
  clock: () => number;
  newId: () => string;
}

/**
 * Generation lookups one check makes at most: one request each, so a month of rows without a cost
 * is looked up over a few checks rather than in one long burst; the rest wait, counted as uncompared.
 */
const MAX_GENERATION_LOOKUPS = 200;

/**
 * The bill check as every host reaches it: opt in per provider (naming each endpoint first), read
 * the vendor's account API into the bill tables, and compare with the ledger day by day. A fetch
 * that fails throws a message the user can act on and stores nothing.
 */
export class BillCheckService {
  constructor(private readonly deps: BillCheckDeps) {}

  accounts(): BillCheckAccountView[] {
    return this.deps.providers.list().flatMap((config) => {
      const account = this.deps.store.account(config.id);
      // An OpenAI-compatible endpoint is offered as DeepSeek, the one such vendor with an account API here.
      const vendor = account?.vendor ?? vendorOfKind(config.kind) ?? (config.kind === 'openai-compatible' ? 'deepseek' : null);
      return vendor ? [this.accountView(config, vendor, account)] : [];
    });
  }

  async enable(input: { providerId: string; vendor?: BillVendorName | undefined; adminKey?: string | undefined; ownScope?: string | null | undefined }): Promise<BillCheckAccountView> {
    const config = this.provider(input.providerId);
    const vendor = this.vendorFor(config, input.vendor);
    const facts = VENDORS[vendor];
    const current = this.deps.store.account(config.id);
    if (input.adminKey && !facts.adminKey) throw new AppError('invalid_request', `${facts.name}'s account API is read with the provider's own API key; it takes no admin key.`);
    const adminKeyRef = input.adminKey ? await this.storeAdminKey(config.id, input.adminKey) : (current?.adminKeyRef ?? null);
    const ownScope = input.ownScope === undefined ? (current?.ownScope ?? null) : input.ownScope?.trim() || null;
    if (ownScope !== null && !facts.scopeName) throw new AppError('invalid_request', `${facts.name} has no projects or workspaces to tell apps apart by.`);
    const account: BillAccount = { providerId: config.id, vendor, adminKeyRef, ownScope, enabledAt: current?.enabledAt ?? this.deps.clock() };
    this.deps.store.saveAccount(account);
    if (current?.adminKeyRef && current.adminKeyRef !== account.adminKeyRef) await this.deps.secrets.remove(current.adminKeyRef);
    return this.accountView(config, vendor, account);
  }

  async disable(providerId: string): Promise<BillCheckAccountView[]> {
    const current = this.deps.store.account(providerId);
    if (current) {
      this.deps.store.deleteAccount(providerId);
      if (current.adminKeyRef) await this.deps.secrets.remove(current.adminKeyRef);
    }
    return this.accounts();
  }

  settingsView(): BillCheckSettingsView {
    return { thresholdBasisPoints: this.deps.settings.get('billCheckThresholdBasisPoints'), accounts: this.accounts() };
  }

  setThreshold(thresholdBasisPoints: number): { thresholdBasisPoints: number } {
    this.deps.settings.set('billCheckThresholdBasisPoints', thresholdBasisPoints);
    return { thresholdBasisPoints };
  }

  /** Reads the vendor's account API for the month (up to now), stores all of it in one transaction, and compares. */
  async run(providerId: string, monthKey?: string): Promise<BillCheckView> {
    const { config, account } = this.enabled(providerId);
    const month = this.month(monthKey);
    const endpoint = await this.endpoint(config, account);
    const fetchedAt = this.deps.clock();
    const range = { startMs: month.startMs, endMs: Math.min(month.endMs, month.coveredEndMs) };
    let figures: AccountFigures;
    let generations: GenerationCost[] = [];
    try {
      figures = await readAccount(endpoint, range.startMs, range.endMs);
      if (account.vendor === 'openrouter') generations = await this.lookUpGenerations(endpoint, config.id, range.startMs, range.endMs);
    } catch (error) {
      if (error instanceof BillFetchError) throw new AppError('provider_error', error.message, error.status === null || error.status === 429 || error.status >= 500);
      throw error;
    }
    this.deps.store.saveFetch({ id: this.deps.newId(), providerId: config.id, vendor: account.vendor, fetchedAt }, figures, generations);
    return this.viewOf(config, account, month);
  }

  /** The comparison from stored figures only: calls no one. */
  view(providerId: string, monthKey?: string): BillCheckView {
    const { config, account } = this.enabled(providerId);
    return this.viewOf(config, account, this.month(monthKey));
  }

  private accountView(config: ProviderConfig, vendor: BillVendorName, account: BillAccount | undefined): BillCheckAccountView {
    const facts = VENDORS[vendor];
    return {
      providerId: config.id,
      providerName: config.name,
      vendor,
      vendorName: facts.name,
      endpoints: endpointUrls(vendor, config.baseUrl),
      needsAdminKey: facts.adminKey !== null,
      adminKeySet: account?.adminKeyRef != null,
      scopeName: facts.scopeName,
      ownScope: account?.ownScope ?? null,
      enabled: account !== undefined,
      lastFetchAt: account ? this.deps.store.lastFetchAt(config.id) : null,
    };
  }

  private viewOf(config: ProviderConfig, account: BillAccount, month: BillMonth): BillCheckView {
    return billCheckView(this.deps, config, account, month, this.deps.settings.get('billCheckThresholdBasisPoints'));
  }

  private async lookUpGenerations(endpoint: AccountEndpoint, providerId: string, startMs: number, endMs: number): Promise<GenerationCost[]> {
    const found: GenerationCost[] = [];
    for (const row of rowsAwaitingProviderCost(this.deps.reportDb, providerId, startMs, endMs).slice(0, MAX_GENERATION_LOOKUPS)) {
      const cost = await openRouterGenerationCost(endpoint, row.generationId);
      if (cost !== undefined) found.push({ requestId: row.requestId, generationId: row.generationId, costNanos: cost });
    }
    return found;
  }

  private async endpoint(config: ProviderConfig, account: BillAccount): Promise<AccountEndpoint> {
    const facts = VENDORS[account.vendor];
    const base = { vendor: account.vendor, displayName: facts.name, baseUrl: config.baseUrl };
    if (!facts.adminKey) {
      const resolved = await this.deps.resolver.resolve(config.id);
      if (!resolved.endpoint.apiKey) throw new AppError('invalid_request', `${config.name} has no API key to read its ${facts.name} account with. Add it in Settings → Providers.`);
      return { ...base, key: resolved.endpoint.apiKey, keyName: 'API key' };
    }
    // Without a stored admin key, the variable the vendor's own tools read stands in (the CLI's way).
    const key = account.adminKeyRef ? await this.deps.secrets.read(account.adminKeyRef) : await this.deps.secrets.read(`env:${facts.adminKey.envVar}`);
    if (!key) {
      throw new AppError(
        'invalid_request',
        account.adminKeyRef
          ? `The admin key for ${config.name} is missing from ${this.deps.secrets.description}. Enter it again in Settings → Bill check.`
          : `${facts.name}'s usage and cost reports need an admin key: add it in Settings → Bill check, or set ${facts.adminKey.envVar}.`,
      );
    }
    return { ...base, key, keyName: 'admin key' };
  }

  /** An admin key reads the whole organization's bill: it is shown again only as "set", not even its last characters. */
  private async storeAdminKey(providerId: string, adminKey: string): Promise<string> {
    try {
      return await this.deps.secrets.write(`${providerId}.admin`, adminKey);
    } catch (error) {
      if (error instanceof SecretStoreError) throw new AppError('forbidden', error.message);
      throw error;
    }
  }

  private vendorFor(config: ProviderConfig, chosen: BillVendorName | undefined): BillVendorName {
    const byKind = vendorOfKind(config.kind);
    if (byKind && (chosen === undefined || chosen === byKind)) return byKind;
    if (!byKind && config.kind === 'openai-compatible' && chosen === 'deepseek') return 'deepseek';
    throw new AppError('invalid_request', `${config.name} has no account API Tallychat can check${config.kind === 'openai-compatible' ? ' (an OpenAI-compatible endpoint can be checked as DeepSeek)' : ''}.`);
  }

  private provider(providerId: string): ProviderConfig {
    const config = this.deps.providers.get(providerId);
    if (!config) throw new AppError('not_found', 'That provider no longer exists.');
    return config;
  }

  private enabled(providerId: string): { config: ProviderConfig; account: BillAccount } {
    const config = this.provider(providerId);
    const account = this.deps.store.account(providerId);
    if (!account) throw new AppError('invalid_request', `The bill check is off for ${config.name}. Turn it on in Settings → Bill check first.`);
    return { config, account };
  }

  private month(key: string | undefined): BillMonth {
    const now = this.deps.clock();
    try {
      // The vendors' month is a UTC one: ahead of UTC, the local month can begin before theirs has.
      return billMonth(key ?? new Date(now).toISOString().slice(0, 7), now);
    } catch (error) {
      if (error instanceof InvalidMonthError) throw new AppError('invalid_request', error.message);
      throw error;
    }
  }
}
