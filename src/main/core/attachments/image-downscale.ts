import { decodeImage, encodeImage, type EncodedFormat } from './image-codecs';
import type { ImageFormat } from './image-dimensions';
import { resampleBox } from './image-resample';
import type { ImageSize } from './image-size';

export interface DownscaledImage {
  readonly data: Uint8Array;
  readonly mime: 'image/png' | 'image/jpeg';
  readonly size: ImageSize;
}

/**
 * The image at exactly `target` pixels (imageDownscaleTarget gives the vendor's size), area
 * averaged. A JPEG stays a JPEG (a photo as PNG would be several times larger) and a PNG stays a
 * PNG (lossless, as screenshots need). A GIF or WebP becomes a PNG: only the first frame of a GIF is
 * read by the vendors anyway, PNG keeps both formats' transparency without another lossy pass, and
 * every vendor that takes images takes PNG (xAI takes neither GIF nor WebP; Gemini no GIF). A
 * JPEG's EXIF orientation is kept, and nothing else of its metadata.
 *
 * Called with the image's own size, it only converts: a GIF or WebP to PNG for a vendor that takes
 * neither (checkAttachments names them), or an animated GIF to its first frame for OpenAI, which
 * takes no animation.
 */
export async function downscaleImage(bytes: Uint8Array, format: ImageFormat, target: ImageSize): Promise<DownscaledImage> {
  const decoded = await decodeImage(bytes, format);
  const resampled = resampleBox(decoded, target);
  const encoded: EncodedFormat = format === 'jpeg' ? 'jpeg' : 'png';
  return {
    data: encodeImage(resampled, encoded, decoded.orientation),
    mime: encoded === 'jpeg' ? 'image/jpeg' : 'image/png',
    size: { width: resampled.width, height: resampled.height },
  };
}
