import { AppError } from '../../../../shared/contract/ipc-result';
import type { PeriodRequest, spendingContract } from '../../../../shared/contract/spending-contract';
import { toCapView } from '../../budgets/cap-views';
import { openReadOnlyReportDb } from '../../reports/report-db';
import { ExportTooLargeError, exportCsvText, refuseOversizedScreenExport, reportFileName, writeReportFile } from '../../reports/report-export';
import type { ResolvedPeriod } from '../../reports/report-period';
import { providerFigures } from '../../reports/provider-drift';
import { requestLogPage } from '../../reports/request-log';
import { conversationBreakdown, spendingOverview } from '../../reports/spending-overview';
import type { AreaHandlers, CoreServices, HostFacts } from './handler-types';
import { resolvePeriodRequest } from './period-request';

/** An export over the window's bound is the user's to fix (a shorter period, or the CLI): a request error. */
function refusingOversized<T>(exportStep: () => T): T {
  try {
    return exportStep();
  } catch (error) {
    if (error instanceof ExportTooLargeError) throw new AppError('invalid_request', error.message);
    throw error;
  }
}

/** The conversation table shows the biggest conversations first, this many unless asked. */
const DEFAULT_CONVERSATION_ROWS = 200;

type SpendingDeps = Pick<CoreServices, 'store' | 'services' | 'settings' | 'providerResolver' | 'clock'>;

export function spendingHandlers(core: SpendingDeps, host: Pick<HostFacts, 'nativeBinding' | 'chooseExportFile'>): AreaHandlers<typeof spendingContract> {
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

    spendingExportCsv: ({ period, groupBy, bom }) =>
      refusingOversized(() => exportCsvText(db, resolve(period, core.clock()), groupBy, bom ?? false, providerName)),

    spendingExportCsvSave: async ({ period, groupBy, bom }) => {
      const choose = host.chooseExportFile;
      if (!choose) throw new AppError('invalid_request', 'Saving an export to a file needs the desktop app\'s save dialog; download it instead.');
      const resolved = resolve(period, core.clock());
      refusingOversized(() => refuseOversizedScreenExport(db, resolved, groupBy));
      const file = await choose(reportFileName(resolved, groupBy, 'csv'));
      if (file === undefined) return { status: 'cancelled' };
      // Its own connection: the walk pauses to let the core answer other calls, and the app's
      // connection must stay free for the chat meanwhile (writeReportFile).
      const reader = openReadOnlyReportDb(core.store.file, host.nativeBinding);
      try {
        const rows = await writeReportFile(reader.db, { period: resolved, groupBy, format: 'csv', ...(bom ? { bom: true } : {}) }, providerName, file);
        return { status: 'saved', file, rows };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'string') throw new AppError('invalid_request', `Tallychat could not write ${file} (${code}): choose another folder or name.`);
        throw error;
      } finally {
        reader.close();
      }
    },
  };
}
