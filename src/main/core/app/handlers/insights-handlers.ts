import type { insightsContract } from '../../../../shared/contract/insights-contract';
import type { PeriodRequest } from '../../../../shared/contract/spending-contract';
import { costShares } from '../../insights/cost-shares';
import { costlyConversations } from '../../insights/costly-conversations';
import type { ResolvedPeriod } from '../../reports/report-period';
import type { AreaHandlers, CoreServices } from './handler-types';
import { resolvePeriodRequest } from './period-request';

/** The conversation list under "where the money goes" shows this many unless asked. */
const DEFAULT_COSTLY_CONVERSATIONS = 5;

type InsightsDeps = Pick<CoreServices, 'services' | 'settings' | 'providerResolver' | 'providers' | 'chat' | 'clock'>;

export function insightsHandlers(core: InsightsDeps): AreaHandlers<typeof insightsContract> {
  const resolve = (period: PeriodRequest): ResolvedPeriod => resolvePeriodRequest(period, core.clock(), core.settings.get('timeZone'));
  return {
    spendingForecast: () => core.services.forecast.view(),
    spendingWhatIf: ({ period, providerId, model, prices }) => core.services.whatIf.compute({ period: resolve(period), providerId, model, prices }),
    spendingCostShares: ({ period }) => costShares(core.services.reportDb, resolve(period)),
    spendingCostlyConversations: ({ limit }) =>
      costlyConversations(
        { db: core.services.reportDb, chat: core.chat, providers: core.providers, providerName: (id) => core.providerResolver.nameOf(id) },
        limit ?? DEFAULT_COSTLY_CONVERSATIONS,
      ),
    settingsSpendAlertsSet: ({ enabled }) => core.services.general.setSpendAlerts(enabled),
  };
}
