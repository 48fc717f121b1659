import { AppError } from '../../../../shared/contract/ipc-result';
import type { KeyStorageView, settingsContract } from '../../../../shared/contract/settings-contract';
import { checkBaseUrl } from '../../provider-config/base-url-check';
import { PROVIDER_DEFAULTS, PROVIDER_KINDS } from '../../provider-config/provider-defaults';
import type { SecretStore } from '../../secrets/secret-store';
import type { AreaHandlers, CoreServices } from './handler-types';

function keyStorageView(secrets: SecretStore): KeyStorageView {
  return { description: secrets.description, canStore: secrets.canStore, weakerScheme: secrets.weakerScheme ?? null };
}

type SettingsDeps = Pick<CoreServices, 'services' | 'secrets' | 'chat' | 'settings' | 'clock'>;

export function settingsHandlers(core: SettingsDeps): AreaHandlers<typeof settingsContract> {
  const { providerSettings: providers, prices, budgetSettings: budgets, general } = core.services;
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
    settingsModelDefaults: ({ id, model, maxOutputTokens, temperature, api }) =>
      providers.setModelDefaults(id, model, maxOutputTokens, temperature, api),

    settingsPrices: () => prices.list(),
    settingsPriceOverrideAdd: (input) => prices.add(input),
    settingsPriceOverrideDelete: ({ id }) => ({ deleted: prices.delete(id) }),

    settingsBudgets: () => budgets.view(),
    settingsBudgetSet: (change) => budgets.set(change),
    settingsBudgetClear: ({ scope, scopeValue }) => budgets.clear(scope, scopeValue),

    settingsGeneral: () => general.view(),
    settingsTimeZoneSet: ({ timeZone }) => general.setTimeZone(timeZone),
    settingsDisplayCurrencySet: ({ currency }) => general.setDisplayCurrency(currency),
    settingsPromptCachingSet: ({ enabled }) => general.setPromptCaching(enabled),
    settingsDefaultSystemPromptSet: ({ text }) => general.setDefaultSystemPrompt(text),
    settingsBackupDatabase: () => core.services.backup(core.clock(), core.settings.get('timeZone')),
    settingsDeleteAllHistory: async () => {
      // Running answers are stopped (and metered) first, so no stream finalizes into an emptied ledger.
      await core.chat.cancelAll('user');
      return core.services.deleteAllHistory();
    },
  };
}
