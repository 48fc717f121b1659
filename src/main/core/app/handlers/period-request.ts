import { AppError } from '../../../../shared/contract/ipc-result';
import type { PeriodRequest } from '../../../../shared/contract/spending-contract';
import { InvalidPeriodError, resolvePeriod, type ResolvedPeriod } from '../../reports/report-period';

/** A period from the window, resolved in the settings' time zone; a malformed one is the caller's mistake. */
export function resolvePeriodRequest(period: PeriodRequest, now: number, timeZone: string): ResolvedPeriod {
  try {
    return resolvePeriod(period, now, timeZone);
  } catch (error) {
    if (error instanceof InvalidPeriodError) throw new AppError('invalid_request', error.message);
    throw error;
  }
}
