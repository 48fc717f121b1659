import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resampleBox } from '../../src/main/core/attachments/image-resample';
import { jpegBytes } from './attachment-fixtures';
import { testCard, webpOf } from './image-fixtures';

const root = resolve(import.meta.dirname, '../..');

function node(script: string): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node exited with ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * The WebP decoder loads its wasm from node_modules at run time, which only works if the bundle
 * keeps the package external and its import() dynamic: built here exactly as the CLI is built
 * (scripts/build-cli.mjs's options), then run by plain Node, outside Vitest's module loader.
 */
describe('downscaleImage from a bundle built like the CLI', () => {
  let dir: string;

  beforeAll(() => {
    mkdirSync(join(root, 'out'), { recursive: true });
    // Inside the project, so the bundle resolves packages from its node_modules as the CLI's does.
    dir = mkdtempSync(join(root, 'out', 'bundle-check-'));
    const buildCli = pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href;
    node(`
      import { build } from 'esbuild';
      import { BUNDLE_OPTIONS } from ${JSON.stringify(buildCli)};
      await build({ ...BUNDLE_OPTIONS, entryPoints: { downscale: 'src/main/core/attachments/image-downscale.ts' }, outdir: ${JSON.stringify(dir)} });
    `);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the decoders dynamic imports of the installed packages', () => {
    const bundle = readFileSync(join(dir, 'downscale.mjs'), 'utf8');
    expect(bundle).toContain('import("@jsquash/webp/decode.js")');
    expect(bundle).toContain('"@jsquash/webp/codec/dec/webp_dec.wasm"');
    expect(bundle).toContain('import("@jsquash/jpeg/decode.js")');
    expect(bundle).toContain('"@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm"');
  });

  it('decodes a JPEG and writes the downscaled JPEG', () => {
    writeFileSync(join(dir, 'in.jpg'), jpegBytes(160, 120));
    const out = node(`
      import { readFileSync } from 'node:fs';
      const { downscaleImage } = await import(${JSON.stringify(pathToFileURL(join(dir, 'downscale.mjs')).href)});
      const out = await downscaleImage(new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'in.jpg'))})), 'jpeg', { width: 40, height: 30 });
      process.stdout.write(JSON.stringify({ mime: out.mime, size: out.size }));
    `);
    expect(JSON.parse(out)).toEqual({ mime: 'image/jpeg', size: { width: 40, height: 30 } });
  });

  it('decodes a WebP and writes the downscaled PNG', async () => {
    const card = testCard(160, 120, (x) => x);
    writeFileSync(join(dir, 'in.webp'), await webpOf(card));
    const out = node(`
      import { readFileSync } from 'node:fs';
      const { downscaleImage } = await import(${JSON.stringify(pathToFileURL(join(dir, 'downscale.mjs')).href)});
      const out = await downscaleImage(new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'in.webp'))})), 'webp', { width: 40, height: 30 });
      process.stdout.write(JSON.stringify({ mime: out.mime, size: out.size, base64: Buffer.from(out.data).toString('base64') }));
    `);
    const result = JSON.parse(out) as { mime: string; size: { width: number; height: number }; base64: string };
    expect({ mime: result.mime, size: result.size }).toEqual({ mime: 'image/png', size: { width: 40, height: 30 } });
    const png = pngjs.PNG.sync.read(Buffer.from(result.base64, 'base64'));
    expect([...png.data]).toEqual([...resampleBox(card, { width: 40, height: 30 }).data]);
  });
});
