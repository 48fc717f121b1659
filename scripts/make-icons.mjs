#!/usr/bin/env node
// Draws Tallychat's icon (a tally of four strokes crossed by a fifth, on a rounded square) and
// writes every file the installers take from resources/: icon.png (1024 px, the source
// electron-builder derives from), icon.icns (macOS), icon.ico (Windows) and icons/NxN.png
// (Linux's hicolor sizes). Plain Node, no image library: the icon is a few shapes, drawn as
// signed distances with 4x4 supersampling for smooth edges. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const out = resolve(import.meta.dirname, '..', 'resources');
const BACKGROUND = [0x13, 0x6f, 0x63];
const STROKE = [0xff, 0xff, 0xff];

/** Distance from (x, y) to a rounded box centred at (cx, cy) with half-sizes (hx, hy), in unit coordinates. */
function roundedBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment (ax, ay)-(bx, by) minus half its width: a stroke with round ends. */
function stroke(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - halfWidth;
}

function shade(x, y) {
  // A margin around the tile, as macOS' icon grid asks; it reads as well on Linux and Windows.
  const tile = roundedBox(x, y, 0.5, 0.5, 0.41, 0.41, 0.09);
  if (tile > 0) return null;
  const tally = Math.min(
    ...[0.32, 0.44, 0.56, 0.68].map((sx) => stroke(x, y, sx, 0.28, sx, 0.72, 0.035)),
    stroke(x, y, 0.24, 0.66, 0.76, 0.34, 0.035),
  );
  return tally <= 0 ? STROKE : BACKGROUND;
}

function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const color = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (covered) {
        pixels[at] = Math.round(r / covered);
        pixels[at + 1] = Math.round(g / covered);
        pixels[at + 2] = Math.round(b / covered);
      }
      pixels[at + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return encodePng(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA, 8 bits a channel, no filtering. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Apple's icns: PNG entries by type (ic07 128, ic08 256, ic09 512, ic10 1024 = 512@2x). */
function encodeIcns(pngs) {
  const entries = [
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
  ].map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(pngs.get(size).length + 8, 4);
    return Buffer.concat([head, pngs.get(size)]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

/** Windows' ico with PNG entries (read by Windows Vista and later); 256 is written as 0. */
function encodeIco(pngs, sizes) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const directory = sizes.map((size) => {
    const entry = Buffer.alloc(16);
    entry[0] = size % 256;
    entry[1] = size % 256;
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(pngs.get(size).length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += pngs.get(size).length;
    return entry;
  });
  return Buffer.concat([header, ...directory, ...sizes.map((size) => pngs.get(size))]);
}

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(SIZES.map((size) => [size, render(size)]));
mkdirSync(join(out, 'icons'), { recursive: true });
writeFileSync(join(out, 'icon.png'), pngs.get(1024));
writeFileSync(join(out, 'icon.icns'), encodeIcns(pngs));
writeFileSync(join(out, 'icon.ico'), encodeIco(pngs, [16, 24, 32, 48, 64, 128, 256]));
for (const size of SIZES.filter((size) => size <= 512)) writeFileSync(join(out, 'icons', `${size}x${size}.png`), pngs.get(size));
console.log(`icons written to ${out}`);
