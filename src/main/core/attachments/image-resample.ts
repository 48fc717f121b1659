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
  // Per output row: the row sums of its source rows, then the weighted sum over those rows.
  const rowSums = new Float64Array(target.width * 4);
  const area = new Float64Array(target.width * 4);
  const totalWeight = source.width * source.height;
  for (let y = 0; y < target.height; y++) {
    area.fill(0);
    const row = rows[y]!;
    for (let k = 0; k < row.weights.length; k++) {
      sumRow(source, row.first + k, columns, rowSums);
      const weight = row.weights[k]!;
      for (let i = 0; i < area.length; i++) area[i]! += rowSums[i]! * weight;
    }
    writeRow(area, totalWeight, out, y * target.width * 4);
  }
  return { width: target.width, height: target.height, data: out };
}

/** The source pixels an output pixel covers along one axis, and how much of each (weights sum to `from`). */
interface Span {
  readonly first: number;
  readonly weights: readonly number[];
}

/**
 * Output pixel i covers [i × from, (i + 1) × from) and source pixel j covers [j × to, (j + 1) × to)
 * on an axis of from × to units: each overlap is a whole number of units.
 */
function spans(from: number, to: number): Span[] {
  const result: Span[] = [];
  for (let i = 0; i < to; i++) {
    const start = i * from;
    const end = start + from;
    const first = Math.floor(start / to);
    const weights: number[] = [];
    for (let j = first; j * to < end; j++) {
      weights.push(Math.min(end, (j + 1) * to) - Math.max(start, j * to));
    }
    result.push({ first, weights });
  }
  return result;
}

/** One source row reduced to the target width: per output pixel, Σ w × alpha and Σ w × alpha × colour. */
function sumRow(source: RgbaImage, y: number, columns: readonly Span[], into: Float64Array): void {
  const data = source.data;
  const rowStart = y * source.width * 4;
  for (let x = 0; x < columns.length; x++) {
    const { first, weights } = columns[x]!;
    let red = 0;
    let green = 0;
    let blue = 0;
    let alpha = 0;
    for (let k = 0; k < weights.length; k++) {
      const at = rowStart + (first + k) * 4;
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
