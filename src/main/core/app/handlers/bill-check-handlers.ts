import type { billCheckContract } from '../../../../shared/contract/bill-check-contract';
import type { AreaHandlers, CoreServices } from './handler-types';

export function billCheckHandlers(core: Pick<CoreServices, 'services'>): AreaHandlers<typeof billCheckContract> {
  const billCheck = core.services.billCheck;
  return {
    billCheckAccounts: () => billCheck.accounts(),
    billCheckSettings: () => billCheck.settingsView(),
    billCheckEnable: (request) => billCheck.enable(request),
    billCheckDisable: ({ providerId }) => billCheck.disable(providerId),
    billCheckRun: ({ providerId, month }) => billCheck.run(providerId, month),
    billCheckView: ({ providerId, month }) => billCheck.view(providerId, month),
    billCheckSetThreshold: ({ thresholdBasisPoints }) => billCheck.setThreshold(thresholdBasisPoints),
  };
}
