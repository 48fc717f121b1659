import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/app-contract';
import type {
  BudgetsView,
  GeneralSettingsView,
  KeyStorageView,
  PriceRowView,
  ProviderKindView,
  ProviderSettingsView,
} from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { useDisplayCurrency } from '../money/display-money';

interface SettingsState {
  info?: AppInfo;
  keyStorage?: KeyStorageView;
  kinds?: ProviderKindView[];
  providers?: ProviderSettingsView[];
  prices?: PriceRowView[];
  budgets?: BudgetsView;
  general?: GeneralSettingsView;
  loadError?: string;
  loadAll(): Promise<void>;
  /** After a provider changes: its prices and cap labels may change with it. */
  refreshProviders(): Promise<void>;
  refreshPrices(): Promise<void>;
  setKeyStorage(view: KeyStorageView): void;
  setBudgets(view: BudgetsView): void;
  setGeneral(view: GeneralSettingsView): void;
}

/** What Settings shows, as main sends it; sections replace their slice with each answer. */
export const useSettings = create<SettingsState>((set) => ({
  loadAll: async () => {
    try {
      const [info, keyStorage, kinds, providers, prices, budgets, general] = await Promise.all([
        call('appInfo', {}),
        call('settingsKeyStorage', {}),
        call('settingsProviderKinds', {}),
        call('settingsProviders', {}),
        call('settingsPrices', {}),
        call('settingsBudgets', {}),
        call('settingsGeneral', {}),
      ]);
      set({ info, keyStorage, kinds, providers, prices, budgets, general, loadError: undefined });
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
  refreshProviders: async () => {
    const [providers, prices, budgets, keyStorage] = await Promise.all([
      call('settingsProviders', {}),
      call('settingsPrices', {}),
      call('settingsBudgets', {}),
      call('settingsKeyStorage', {}),
    ]);
    set({ providers, prices, budgets, keyStorage });
  },
  refreshPrices: async () => set({ prices: await call('settingsPrices', {}) }),
  setKeyStorage: (keyStorage) => set({ keyStorage }),
  setBudgets: (budgets) => set({ budgets }),
  setGeneral: (general) => {
    set({ general });
    useDisplayCurrency.getState().set(general.displayCurrency);
  },
}));

/** Runs an action and returns its error message, if any, for the form that started it. */
export async function attempt(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
