import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/ipc-result';
import type { KeyStorageView, settingsContract } from '../../../../shared/contract/settings-contract';
import { checkBaseUrl } from '../../provider-config/base-url-check';
import { PROVIDER_DEFAULTS, PROVIDER_KINDS } from '../../provider-config/provider-defaults';
import { ProviderSettings } from '../../provider-config/provider-settings';
import { listModels } from '../../providers/call-provider';
import type { SecretStore } from '../../secrets/secret-store';
import { BudgetSettings } from '../../settings-admin/budget-settings';
import { serializedBackups } from '../../settings-admin/database-backup';
import { deleteAllHistory } from '../../settings-admin/delete-history';
import { GeneralSettings } from '../../settings-admin/general-settings';
import { PriceSettings } from '../../settings-admin/price-settings';
import type { AreaHandlers, CoreServices, HostFacts } from './handler-types';

function keyStorageView(secrets: SecretStore): KeyStorageView {
  return { description: secrets.description, canStore: secrets.canStore, weakerScheme: secrets.weakerScheme ?? null };
}

export function settingsHandlers(core: CoreServices, host: HostFacts): AreaHandlers<typeof settingsContract> {
  const timeZone = () => core.settings.get('timeZone');
  const providerName = (id: string) => core.providerResolver.nameOf(id);
  const providers = new ProviderSettings({
    providers: core.providers,
    resolver: core.providerResolver,
    secrets: core.secrets,
    listModels,
    clock: core.clock,
    newId: randomUUID,
  });
  const prices = new PriceSettings({ sqlite: core.store.sqlite, providers: core.providers, overrides: core.overrides, timeZone, clock: core.clock });
  const budgets = new BudgetSettings({
    sqlite: core.store.sqlite,
    budgets: core.budgets,
    providers: core.providers,
    settings: core.settings,
    providerName,
    clock: core.clock,
  });
  const backup = serializedBackups(core.store.sqlite, host.dataDir);
  const general = new GeneralSettings({
    settings: core.settings,
    ledger: core.ledger,
    dataDir: host.dataDir,
    databaseFile: core.store.file,
    clock: core.clock,
  });

  return {
    settingsKeyStorage: () => keyStorageView(core.secrets),
    settingsAcceptWeakerKeyStorage: async () => {
      if (!core.secrets.acceptWeakerScheme) throw new AppError('conflict', `Keys are kept in ${core.secrets.description}; there is nothing to accept.`);
      await core.secrets.acceptWeakerScheme();
      return keyStorageView(core.secrets);
    },

    settingsProviderKinds: () =>
      PROVIDER_KINDS.map((kind) => ({
        kind,
        displayName: PROVIDER_DEFAULTS[kind].displayName,
        defaultBaseUrl: PROVIDER_DEFAULTS[kind].baseUrl ?? null,
        needsKey: PROVIDER_DEFAULTS[kind].needsKey,
      })),
    settingsProviders: () => providers.list(),
    settingsCheckBaseUrl: ({ baseUrl }) => checkBaseUrl(baseUrl),
    settingsProviderAdd: (input) => providers.add(input),
    settingsProviderUpdate: (changes) => providers.update(changes),
    settingsProviderRemove: async ({ id }) => ({ removed: await providers.remove(id) }),
    settingsProviderTest: async ({ id }) => ({ models: await providers.test(id) }),
    settingsProviderModels: ({ id, models }) => providers.setModels(id, models),
    settingsModelDefaults: ({ id, model, maxOutputTokens, temperature }) => providers.setModelDefaults(id, model, maxOutputTokens, temperature),

    settingsPrices: () => prices.list(),
    settingsPriceOverrideAdd: (input) => prices.add(input),
    settingsPriceOverrideDelete: ({ id }) => ({ deleted: prices.delete(id) }),

    settingsBudgets: () => budgets.view(),
    settingsBudgetSet: (change) => budgets.set(change),
    settingsBudgetClear: ({ scope, scopeValue }) => budgets.clear(scope, scopeValue),

    settingsGeneral: () => general.view(),
    settingsTimeZoneSet: ({ timeZone: zone }) => general.setTimeZone(zone),
    settingsDisplayCurrencySet: ({ currency }) => general.setDisplayCurrency(currency),
    settingsBackupDatabase: () => backup(core.clock(), timeZone()),
    settingsDeleteAllHistory: async () => {
      // Running answers are stopped (and metered) first, so no stream finalizes into an emptied ledger.
      await core.chat.cancelAll('user');
      return deleteAllHistory(core.store.sqlite);
    },
  };
}
