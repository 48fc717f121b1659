import { describe, expect, it } from 'vitest';
import { resampleBox } from '../../src/main/core/attachments/image-resample';
import { rgba } from './image-fixtures';

describe('resampleBox (area averaging)', () => {
  it('averages each 2×2 block of a 4×2 image into one pixel, weighting colour by alpha', () => {
    const source = rgba(4, 2, [
      [10, 20, 30, 255], [30, 40, 50, 255], [100, 0, 0, 255], [0, 0, 255, 0],
      [50, 60, 70, 255], [70, 80, 90, 255], [200, 0, 0, 255], [0, 0, 255, 0],
    ]);
    const out = resampleBox(source, { width: 2, height: 1 });
    // Right pixel: half covered by opaque reds (100, 200), half by transparent blue whose hidden
    // colour must not bleed in: red 150, alpha 127.5 rounded half up.
    expect([...out.data]).toEqual([40, 50, 60, 255, 150, 0, 0, 128]);
    expect({ width: out.width, height: out.height }).toEqual({ width: 2, height: 1 });
  });

  it('weights a source pixel by the part of it an output pixel covers (3 → 2: two thirds, one third)', () => {
    const out = resampleBox(rgba(3, 1, [[0, 0, 0, 255], [90, 90, 90, 255], [180, 180, 180, 255]]), { width: 2, height: 1 });
    // (0 × 2 + 90) / 3 = 30; (90 + 180 × 2) / 3 = 150.
    expect([...out.data]).toEqual([30, 30, 30, 255, 150, 150, 150, 255]);
  });

  it('weights rows the same way (1×3 → 1×2) and rounds halves up', () => {
    const out = resampleBox(rgba(1, 3, [[0, 1, 0, 255], [1, 0, 2, 255], [0, 1, 0, 255]]), { width: 1, height: 2 });
    // Green: (1 × 2 + 0) / 3 = 0.67 → 1; red: (0 × 2 + 1) / 3 = 0.33 → 0; blue (0 + 2) / 3 → 1.
    expect([...out.data]).toEqual([0, 1, 1, 255, 0, 1, 1, 255]);
    expect([...resampleBox(rgba(2, 1, [[0, 0, 0, 255], [1, 3, 5, 255]]), { width: 1, height: 1 }).data]).toEqual([1, 2, 3, 255]);
  });

  it('leaves a fully transparent area transparent black, and keeps a same-size image as it is', () => {
    const clear = rgba(2, 2, [[9, 9, 9, 0], [9, 9, 9, 0], [9, 9, 9, 0], [9, 9, 9, 0]]);
    expect([...resampleBox(clear, { width: 1, height: 1 }).data]).toEqual([0, 0, 0, 0]);
    const same = rgba(2, 1, [[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect([...resampleBox(same, { width: 2, height: 1 }).data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses sizes that are not whole pixels and pixels that do not fill the image', () => {
    expect(() => resampleBox(rgba(1, 1, [[0, 0, 0, 0]]), { width: 0, height: 1 })).toThrow('The target size must be at least 1×1 whole pixels; got 0×1.');
    expect(() => resampleBox({ width: 2, height: 2, data: new Uint8Array(4) }, { width: 1, height: 1 })).toThrow(
      'The pixels do not fill 2×2 RGBA: got 4 bytes.',
    );
  });
});
