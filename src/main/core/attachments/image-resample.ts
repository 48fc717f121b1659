import type { ImageSize } from './image-size';

/** Decoded pixels, four bytes per pixel (red, green, blue, alpha), row by row from the top left. */
export interface RgbaImage extends ImageSize {
  readonly data: Uint8Array;
}

/**
 * Resamples to exactly `target` by area averaging (a box filter): each output pixel is the mean of
 * the source area it covers, with partly covered source pixels weighted by the part they cover. It
 * is the filter that keeps fine detail (text in a screenshot) legible when shrinking by large
 * factors, where bilinear sampling would skip pixels.
 *
 * Colours are averaged weighted by alpha (premultiplied), so a fully transparent pixel's hidden
 * colour does not bleed into its visible neighbours.
 *
 * Exact and deterministic: in units of 1 / (source × target) pixel, every overlap is a whole
 * number, so the sums are integers (well under 2^53 for any image a vendor takes) and the only
 * rounding is the final one, half up.
 */
export function resampleBox(source: RgbaImage, target: ImageSize): RgbaImage {
  assertSize(source, 'source');
  assertSize(target, 'target');
  if (source.data.length !== source.width * source.height * 4) {
    throw new RangeError(`The pixels do not fill ${source.width}×${source.height} RGBA: got ${source.data.length} bytes.`);
  }
  const columns = spans(source.width, target.width);
  const rows = spans(source.height, target.height);
  const out = new Uint8Array(target.width * target.height * 4);
  // Per output row: the weighted sum of its source rows, each first reduced to the target width.
  const rowSums = new Float64Array(target.width * 4);
  const area = new Float64Array(target.width * 4);
  const totalWeight = source.width * source.height;
  // A source row on the border of two output rows is reduced once, for both.
  let summedRow = -1;
  for (let y = 0; y < target.height; y++) {
    area.fill(0);
    for (let k = rows.offsets[y]!; k < rows.offsets[y + 1]!; k++) {
      const sourceRow = rows.first[y]! + k - rows.offsets[y]!;
      if (sourceRow !== summedRow) {
        sumRow(source, sourceRow, columns, rowSums);
        summedRow = sourceRow;
      }
      const weight = rows.weights[k]!;
      for (let i = 0; i < area.length; i++) area[i]! += rowSums[i]! * weight;
    }
    writeRow(area, totalWeight, out, y * target.width * 4);
  }
  return { width: target.width, height: target.height, data: out };
}

/**
 * For each output pixel along one axis, the source pixels it covers (from `first[i]` on) and how
 * much of each: `weights[offsets[i]] … weights[offsets[i + 1] - 1]`, summing to `from`. Flat typed
 * arrays, as the inner loops read them once per pixel.
 */
interface Spans {
  readonly first: Int32Array;
  readonly offsets: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Output pixel i covers [i × from, (i + 1) × from) and source pixel j covers [j × to, (j + 1) × to)
 * on an axis of from × to units: each overlap is a whole number of units.
 */
function spans(from: number, to: number): Spans {
  const first = new Int32Array(to);
  const offsets = new Int32Array(to + 1);
  const weights: number[] = [];
  for (let i = 0; i < to; i++) {
    const start = i * from;
    const end = start + from;
    first[i] = Math.floor(start / to);
    for (let j = first[i]!; j * to < end; j++) weights.push(Math.min(end, (j + 1) * to) - Math.max(start, j * to));
    offsets[i + 1] = weights.length;
  }
  return { first, offsets, weights: Float64Array.from(weights) };
}

/** One source row reduced to the target width: per output pixel, Σ w × alpha and Σ w × alpha × colour. */
function sumRow(source: RgbaImage, y: number, columns: Spans, into: Float64Array): void {
  const data = source.data;
  const { first, offsets, weights } = columns;
  const rowStart = y * source.width * 4;
  for (let x = 0; x < first.length; x++) {
    let red = 0;
    let green = 0;
    let blue = 0;
    let alpha = 0;
    let at = rowStart + first[x]! * 4;
    for (let k = offsets[x]!; k < offsets[x + 1]!; k++, at += 4) {
      const weightedAlpha = weights[k]! * data[at + 3]!;
      red += weightedAlpha * data[at]!;
      green += weightedAlpha * data[at + 1]!;
      blue += weightedAlpha * data[at + 2]!;
      alpha += weightedAlpha;
    }
    const o = x * 4;
    into[o] = red;
    into[o + 1] = green;
    into[o + 2] = blue;
    into[o + 3] = alpha;
  }
}

function writeRow(area: Float64Array, totalWeight: number, out: Uint8Array, at: number): void {
  for (let o = 0; o < area.length; o += 4) {
    const alpha = area[o + 3]!;
    out[at + o + 3] = roundedRatio(alpha, totalWeight);
    if (alpha === 0) continue;
    out[at + o] = roundedRatio(area[o]!, alpha);
    out[at + o + 1] = roundedRatio(area[o + 1]!, alpha);
    out[at + o + 2] = roundedRatio(area[o + 2]!, alpha);
  }
}

/** numerator / denominator rounded half up, in integers. */
function roundedRatio(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function assertSize(size: ImageSize, what: string): void {
  if (!Number.isSafeInteger(size.width) || !Number.isSafeInteger(size.height) || size.width < 1 || size.height < 1) {
    throw new RangeError(`The ${what} size must be at least 1×1 whole pixels; got ${size.width}×${size.height}.`);
  }
}
