import type { PixelSize } from './attachments';

const COUNT = new Intl.NumberFormat('en-US');

const UNITS = ['KB', 'MB', 'GB'] as const;
const STEP = 1024;

/**
 * "834 KB", "1.2 MB", "32 MB", as the composer's chips, the thread and the CLI show a file: binary units, as the vendors' own limits ("32 MB") are counted.
 * One decimal below 100 of a unit, none above; a value that rounds up to the next unit is shown in it.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < STEP) return bytes === 1 ? '1 byte' : `${COUNT.format(bytes)} bytes`;
  let value = bytes / STEP;
  let unit = 0;
  while (unit < UNITS.length - 1 && roundForDisplay(value) >= STEP) {
    value /= STEP;
    unit++;
  }
  return `${trimmed(roundForDisplay(value))} ${UNITS[unit]}`;
}

function roundForDisplay(value: number): number {
  return value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}

const trimmed = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** "1568×1176", width first, as image editors name sizes. */
export function formatPixelSize(size: PixelSize): string {
  return `${size.width}×${size.height}`;
}
