/**
 * Bytes per slice: a multiple of 3, so each slice encodes to whole base64 groups and the slices can
 * be joined; small enough that spreading it into String.fromCharCode stays far from the stack limit.
 */
const SLICE_BYTES = 3 * 8192;

/** A picked, pasted or dropped file as base64, read slice by slice so a 30 MB file cannot overflow the call stack. */
export async function readFileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + SLICE_BYTES))));
  }
  return parts.join('');
}
