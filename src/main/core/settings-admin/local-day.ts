import { AppError } from '../../../shared/contract/ipc-result';
import { localDayKey, startOfLocalDay } from '../time/zoned-calendar';

const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-01" → the instant that local day starts in `timeZone`; a day that does not exist is refused. */
export function parseLocalDay(text: string, timeZone: string): number {
  const match = LOCAL_DAY.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new AppError('invalid_request', `${text} is not a calendar date from 1970 on.`);
  }
  const start = startOfLocalDay(year, month, day, timeZone);
  if (localDayKey(start, timeZone) !== text) throw new AppError('invalid_request', `${text} is not a calendar date.`);
  return start;
}
