import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the installers', () => {
  it('leave chrome-sandbox to electron-builder\'s .deb after-install script, which sets it up for Ubuntu\'s AppArmor', () => {
    expect(config).not.toMatch(/^\s*afterInstall:/m);
    const appBuilderLib = dirname(createRequire(join(root, 'node_modules', 'electron-builder', 'package.json')).resolve('app-builder-lib/package.json'));
    const script = readFileSync(join(appBuilderLib, 'templates', 'linux', 'after-install.tpl'), 'utf8');
    // SUID root only where Chromium cannot use user namespaces; its AppArmor profile where AppArmor would forbid them.
    expect(script).toContain("chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox'");
    expect(script).toContain("APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'");
    expect(readFileSync(join(appBuilderLib, 'templates', 'linux', 'apparmor-profile.tpl'), 'utf8')).toContain('userns,');
  });

  it('carry the icon at every size each system asks for', () => {
    const resources = join(root, 'resources');
    expect(pngSize(readFileSync(join(resources, 'icon.png')))).toEqual([1024, 1024]);
    for (const file of readdirSync(join(resources, 'icons'))) {
      const size = Number(file.split('x')[0]);
      expect(pngSize(readFileSync(join(resources, 'icons', file))), file).toEqual([size, size]);
    }
    expect(readdirSync(join(resources, 'icons')).map((file) => Number(file.split('x')[0])).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    const icns = readFileSync(join(resources, 'icon.icns'));
    expect([icns.subarray(0, 4).toString('ascii'), icns.readUInt32BE(4)]).toEqual(['icns', icns.length]);
    expect(['ic07', 'ic08', 'ic09', 'ic10'].every((type) => icns.includes(Buffer.from(type, 'ascii')))).toBe(true);
    const ico = readFileSync(join(resources, 'icon.ico'));
    // Windows reads a width byte of 0 as 256 px: the size the installer and the taskbar's large icon use.
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});
