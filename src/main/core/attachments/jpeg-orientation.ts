/**
 * A photo's EXIF orientation (1–8: how to turn the stored pixels to show them upright). Phones
 * store most photos sideways with orientation 6 or 8; a re-encoded JPEG must keep the tag or the
 * model sees the photo on its side. Only this tag is carried over: the rest of EXIF (the camera,
 * the time, the GPS position) has no business in a prompt.
 */
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00]; // "Exif\0"

/**
 * A JPEG's APP1 EXIF payload in jpeg-js's form (after "Exif\0"), found by walking the marker
 * segments up to the start of the scan; null when the file has none.
 */
export function jpegExifPayload(bytes: Uint8Array): Uint8Array | null {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const data = bytes.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && EXIF_HEADER.every((byte, i) => data[i] === byte)) return data.subarray(EXIF_HEADER.length);
    at += 2 + length;
  }
  return null;
}

/**
 * The orientation in an APP1 EXIF payload as jpeg-js hands it over (after "Exif\0": a pad byte,
 * then the TIFF header); null when it has none or cannot be read.
 */
export function readExifOrientation(exif: Uint8Array): number | null {
  const tiffStart = exif[0] === 0 ? 1 : 0;
  const tiff = exif.subarray(tiffStart);
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (view.getUint16(at, little) !== ORIENTATION_TAG) continue;
    const value = view.getUint16(at + 8, little);
    return view.getUint16(at + 2, little) === SHORT && value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** A minimal EXIF payload, in jpeg-js's form (pad byte, big-endian TIFF), holding only the orientation. */
export function orientationExif(orientation: number): Uint8Array {
  const tiff = new Uint8Array(1 + 8 + 2 + 12 + 4);
  const view = new DataView(tiff.buffer, 1);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a], 1);
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, SHORT);
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  view.setUint32(22, 0);
  return tiff;
}
