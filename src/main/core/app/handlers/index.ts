import type { HandlerTable } from '../../api/dispatcher';
import { appHandlers } from './app-handlers';
import { billCheckHandlers } from './bill-check-handlers';
import { budgetHandlers } from './budget-handlers';
import { chatHandlers } from './chat-handlers';
import { devicesHandlers } from './devices-handlers';
import type { CoreServices, HostFacts } from './handler-types';
import { insightsHandlers } from './insights-handlers';
import { priceDataHandlers } from './price-data-handlers';
import { settingsHandlers } from './settings-handlers';
import { spendingHandlers } from './spending-handlers';

/** The contract's methods over the core: one table serves Electron IPC and browser mode alike. */
export function buildHandlers(core: CoreServices, host: HostFacts): HandlerTable {
  return {
    ...appHandlers(core, host),
    ...chatHandlers(core, host),
    ...budgetHandlers(core),
    ...spendingHandlers(core, host),
    ...settingsHandlers(core),
    ...devicesHandlers(core),
    ...priceDataHandlers(core),
    ...insightsHandlers(core),
    ...billCheckHandlers(core),
  };
}
