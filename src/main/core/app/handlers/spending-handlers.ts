import { AppError } from '../../../../shared/contract/ipc-result';
import type { PeriodRequest, spendingContract } from '../../../../shared/contract/spending-contract';
import { toCapView } from '../../budgets/cap-views';
import { ExportTooLargeError, exportCsvText } from '../../reports/report-export';
import type { ResolvedPeriod } from '../../reports/report-period';
import { providerFigures } from '../../reports/provider-drift';
import { requestLogPage } from '../../reports/request-log';
import { conversationBreakdown, spendingOverview } from '../../reports/spending-overview';
import type { AreaHandlers, CoreServices } from './handler-types';
import { resolvePeriodRequest } from './period-request';

/** The conversation table shows the biggest conversations first, this many unless asked. */
const DEFAULT_CONVERSATION_ROWS = 200;

type SpendingDeps = Pick<CoreServices, 'services' | 'settings' | 'providerResolver' | 'clock'>;

export function spendingHandlers(core: SpendingDeps): AreaHandlers<typeof spendingContract> {
  const db = core.services.reportDb;
  const providerName = (id: string) => core.providerResolver.nameOf(id);
  const resolve = (period: PeriodRequest, now: number): ResolvedPeriod => resolvePeriodRequest(period, now, core.settings.get('timeZone'));

  return {
    spendingOverview: ({ period, stackBy }) => {
      const now = core.clock();
      const resolved = resolve(period, now);
      const month = core.services.budgets.overview(now);
      return spendingOverview({ db, now, providerName }, resolved, stackBy ?? 'provider', {
        range: month.month,
        reserved: month.reserved,
        caps: month.caps.map(toCapView),
        projection: core.services.forecast.overall(now).expected,
      });
    },

    spendingConversations: ({ period, limit }) =>
      conversationBreakdown(db, resolve(period, core.clock()), limit ?? DEFAULT_CONVERSATION_ROWS),

    spendingProviderFigures: ({ period }) => providerFigures(db, resolve(period, core.clock())),

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
