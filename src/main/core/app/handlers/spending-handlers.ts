import { AppError } from '../../../../shared/contract/ipc-result';
import type { PeriodRequest, spendingContract } from '../../../../shared/contract/spending-contract';
import { capStatus } from '../../budgets/cap-status';
import { toCapView } from '../../budgets/cap-views';
import { ExportTooLargeError, exportCsvText } from '../../reports/report-export';
import { readOnlyView } from '../../reports/report-db';
import { InvalidPeriodError, resolvePeriod, type ResolvedPeriod } from '../../reports/report-period';
import { requestLogPage } from '../../reports/request-log';
import { conversationBreakdown, spendingOverview } from '../../reports/spending-overview';
import { monthRangeAt } from '../../time/zoned-calendar';
import type { AreaHandlers, CoreServices } from './handler-types';

/** The conversation table shows the biggest conversations first, this many unless asked. */
const DEFAULT_CONVERSATION_ROWS = 200;

export function spendingHandlers(core: CoreServices): AreaHandlers<typeof spendingContract> {
  // Reports read through a handle that refuses any statement that would write.
  const db = readOnlyView(core.store.sqlite);
  const providerName = (id: string) => core.providerResolver.nameOf(id);
  const resolve = (period: PeriodRequest, now: number): ResolvedPeriod => {
    try {
      return resolvePeriod(period, now, core.settings.get('timeZone'));
    } catch (error) {
      if (error instanceof InvalidPeriodError) throw new AppError('invalid_request', error.message);
      throw error;
    }
  };

  return {
    spendingOverview: ({ period, stackBy }) => {
      const now = core.clock();
      const resolved = resolve(period, now);
      const month = monthRangeAt(now, resolved.timeZone);
      const caps = core.budgets.list().map((budget) => toCapView(capStatus(core.store.sqlite, budget, month, providerName)));
      return spendingOverview({ db, now, providerName }, resolved, stackBy ?? 'provider', caps);
    },

    spendingConversations: ({ period, limit }) =>
      conversationBreakdown(db, resolve(period, core.clock()), limit ?? DEFAULT_CONVERSATION_ROWS),

    spendingRequests: ({ period, filter, after, limit }) =>
      requestLogPage(db, resolve(period, core.clock()), { providerName, filter, after, limit }),

    spendingExportCsv: ({ period, groupBy, bom }) => {
      try {
        return exportCsvText(db, resolve(period, core.clock()), groupBy, bom ?? false, providerName);
      } catch (error) {
        if (error instanceof ExportTooLargeError) throw new AppError('invalid_request', error.message);
        throw error;
      }
    },
  };
}
