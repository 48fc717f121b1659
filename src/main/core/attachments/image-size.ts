/** An image's size in pixels. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The size scaled to fit within maxWidth × maxHeight, keeping its aspect ratio; never enlarged.
 * Rounded to whole pixels as a resizer would produce them (OpenAI's billing follows the rounded
 * size: a 2049×513 image fitted into 2048 px becomes 2048×513, two tile rows, a 2050×513 one
 * 2048×512, one row).
 */
export function fitWithin(size: ImageSize, maxWidth: number, maxHeight: number): ImageSize {
  const scale = Math.min(1, maxWidth / size.width, maxHeight / size.height);
  return scale === 1 ? size : scaleRounded(size, scale);
}

export function scaleRounded(size: ImageSize, scale: number): ImageSize {
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

export function sameSize(a: ImageSize, b: ImageSize): boolean {
  return a.width === b.width && a.height === b.height;
}
