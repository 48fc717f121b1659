import { describe, expect, it } from 'vitest';
import { formatFileSize, formatPixelSize } from '../../src/shared/format-file-size';

const KB = 1024;
const MB = 1024 * KB;

describe('formatFileSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1,023 bytes'],
    [KB, '1 KB'],
    [1536, '1.5 KB'],
    [Math.round(99.94 * KB), '99.9 KB'],
    [Math.round(99.96 * KB), '100 KB'],
    [834 * KB, '834 KB'],
    [834 * KB + 400, '834 KB'],
    // 1,023.9 KB rounds to 1,024 KB: shown in the next unit instead.
    [MB - 100, '1 MB'],
    [MB, '1 MB'],
    [Math.round(1.2 * MB), '1.2 MB'],
    [Math.round(12.44 * MB), '12.4 MB'],
    [20 * MB, '20 MB'],
    [32 * MB, '32 MB'],
    [Math.round(150.6 * MB), '151 MB'],
    [3 * 1024 * MB, '3 GB'],
  ])('%i bytes is "%s"', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});

describe('formatPixelSize', () => {
  it('names width × height', () => {
    expect(formatPixelSize({ width: 1568, height: 1176 })).toBe('1568×1176');
  });
});
