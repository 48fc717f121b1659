import { create } from 'zustand';
import { formatMoneyForDisplay, type DisplayCurrency } from '../../../shared/format-money';
import { nanodollars } from '../../../shared/money';
import { call } from '../api/tallychat-client';

interface DisplayCurrencyState {
  /** Null: US dollars, the ledger's own unit. */
  currency: DisplayCurrency | null;
  set(currency: DisplayCurrency | null): void;
}

/** The display currency Settings → General chose; the app frame re-renders when it changes. */
export const useDisplayCurrency = create<DisplayCurrencyState>((set) => ({
  currency: null,
  set: (currency) => set({ currency }),
}));

export async function loadDisplayCurrency(): Promise<void> {
  const general = await call('settingsGeneral', {});
  useDisplayCurrency.getState().set(general.displayCurrency);
}

/** Nano-dollars from main, shown in the display currency (formatted exactly, never summed here). */
export function money(nanos: number): string {
  return formatMoneyForDisplay(nanodollars(nanos), useDisplayCurrency.getState().currency);
}
