import { localDayKey, monthRangeAt, startOfLocalDay } from '../time/zoned-calendar';
import { addDays, monthLabel, parseDayKey, shortDayLabel } from './local-days';
import { offsetLookup } from './zoned-timestamps';

const HOUR_MS = 3_600_000;

/** One bucket of a period cut by local hour, day or month: it covers [startMs, next slot's startMs). */
export interface Slot {
  key: string;
  label: string;
  startMs: number;
}

export type SlotUnit = 'hour' | 'day' | 'month';

/** The local hours, days or months that [startMs, endMs) touches, in order. */
export function slotsOf(unit: SlotUnit, startMs: number, endMs: number, timeZone: string): Slot[] {
  const slots: Slot[] = [];
  if (unit === 'hour') {
    const offsetAt = offsetLookup(timeZone);
    const first = startMs - ((((startMs + offsetAt(startMs)) % HOUR_MS) + HOUR_MS) % HOUR_MS);
    for (let at = first; at < endMs; at += HOUR_MS) {
      const local = new Date(at + offsetAt(at));
      const label = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
      slots.push({ key: String(at), label, startMs: Math.max(at, startMs) });
    }
    return slots;
  }
  if (unit === 'day') {
    for (let day = localDayKey(startMs, timeZone); ; day = addDays(day, 1)) {
      const { year, month, day: d } = parseDayKey(day);
      const start = startOfLocalDay(year, month, d, timeZone);
      if (start >= endMs) break;
      slots.push({ key: day, label: shortDayLabel(day), startMs: Math.max(start, startMs) });
    }
    return slots;
  }
  for (let range = monthRangeAt(startMs, timeZone); range.startMs < endMs; range = monthRangeAt(range.endMs, timeZone)) {
    slots.push({ key: range.key, label: monthLabel(range.key), startMs: Math.max(range.startMs, startMs) });
  }
  return slots;
}

/**
 * SQL that numbers the slot a `started_at` falls in (0-based), for grouping ledger rows by local
 * hour, day or month without a time-zone function in SQLite. The caller's range keeps rows
 * before the first slot out.
 */
export function slotIndexSql(slots: Slot[], column = 'r.started_at'): { sql: string; params: Record<string, number> } {
  if (slots.length <= 1) return { sql: '0', params: {} };
  const params: Record<string, number> = {};
  const whens = slots.slice(1).map((slot, i) => {
    params[`slot${i + 1}`] = slot.startMs;
    return `WHEN ${column} < @slot${i + 1} THEN ${i}`;
  });
  return { sql: `CASE ${whens.join(' ')} ELSE ${slots.length - 1} END`, params };
}
