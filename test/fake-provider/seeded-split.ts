import { seededRandom } from '../helpers/seeded-random';

/** Cuts bytes into pieces of 1..maxBytes at seeded random boundaries (inside characters too). */
export function splitAtRandom(bytes: Uint8Array, seed: number, maxBytes = 48): Uint8Array[] {
  const random = seededRandom(seed);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxBytes);
    pieces.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
    at += size;
  }
  return pieces;
}

/** Cuts a string into deltas of `chars` code points, never inside a surrogate pair. */
export function deltasOf(text: string, chars: number): string[] {
  const points = Array.from(text);
  const deltas: string[] = [];
  for (let i = 0; i < points.length; i += chars) deltas.push(points.slice(i, i + chars).join(''));
  return deltas;
}
