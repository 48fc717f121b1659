import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { downscaleImage } from '../../src/main/core/attachments/image-downscale';
import { orientationExif, readExifOrientation } from '../../src/main/core/attachments/jpeg-orientation';
import { testCard } from './image-fixtures';

/** A camera's EXIF in jpeg-js's form (pad byte, then little-endian TIFF): Make "Cam" and the orientation. */
function cameraExif(orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 2, 0];
  const make = [0x0f, 0x01, 2, 0, 4, 0, 0, 0, 0x43, 0x61, 0x6d, 0x00];
  const turn = [0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0];
  return Uint8Array.from([0, ...tiff, ...make, ...turn, 0, 0, 0, 0]);
}

function jpegWithExif(exif: Uint8Array | undefined): Uint8Array {
  const card = testCard(64, 48);
  const raw: Parameters<typeof jpeg.encode>[0] & { exifBuffer?: Uint8Array } = { ...card };
  if (exif) raw.exifBuffer = exif;
  return new Uint8Array(jpeg.encode(raw, 95).data);
}

const exifOf = (bytes: Uint8Array) => (jpeg.decode(bytes, { useTArray: true }) as { exifBuffer?: Uint8Array }).exifBuffer;

describe('EXIF orientation', () => {
  it('reads it from little- and big-endian EXIF, and nothing from anything else', () => {
    expect(readExifOrientation(cameraExif(6))).toBe(6);
    expect(readExifOrientation(orientationExif(8))).toBe(8);
    expect(readExifOrientation(cameraExif(9))).toBeNull();
    expect(readExifOrientation(Uint8Array.from([0, 1, 2, 3]))).toBeNull();
    expect(readExifOrientation(Uint8Array.from([0, 0x49, 0x49, 0x2a, 0, 200, 0, 0, 0]))).toBeNull();
  });

  it('keeps a photo turned the way it was, and drops the rest of its EXIF', async () => {
    const out = await downscaleImage(jpegWithExif(cameraExif(6)), 'jpeg', { width: 32, height: 24 });
    const exif = exifOf(out.data);
    expect(exif && readExifOrientation(exif)).toBe(6);
    expect(exif && [...exif]).toEqual([...orientationExif(6)]);
  });

  it('writes no EXIF for a JPEG that had none or was upright already', async () => {
    expect(exifOf((await downscaleImage(jpegWithExif(undefined), 'jpeg', { width: 32, height: 24 })).data)).toBeUndefined();
    expect(exifOf((await downscaleImage(jpegWithExif(cameraExif(1)), 'jpeg', { width: 32, height: 24 })).data)).toBeUndefined();
  });
});
