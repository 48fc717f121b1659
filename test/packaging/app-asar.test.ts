import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { extractFile, getRawHeader } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGED_ASAR, PACKAGED_DIR, ensurePackaged } from './packaged-app';

const root = resolve(import.meta.dirname, '../..');

/** The packages the app's bundles import at run time; everything else it runs is bundled in. */
const RUNTIME_DEPENDENCIES = [
  '@jsquash/jpeg',
  '@jsquash/webp',
  '@pydantic/genai-prices',
  'better-sqlite3',
  'drizzle-orm',
  'jpeg-js',
  'js-tiktoken',
  'omggif',
  'pngjs',
  'zod',
];

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  unpacked?: boolean;
}

/** Every file in the archive ('out/main/index.js', …), with whether it was unpacked. */
function asarFiles(): Map<string, { unpacked: boolean }> {
  const files = new Map<string, { unpacked: boolean }>();
  const walk = (entry: AsarEntry, path: string) => {
    if (entry.files) for (const [name, child] of Object.entries(entry.files)) walk(child, path ? `${path}/${name}` : name);
    else files.set(path, { unpacked: entry.unpacked === true });
  };
  walk(getRawHeader(PACKAGED_ASAR).header as AsarEntry, '');
  return files;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The package names in node_modules paths ('node_modules/a/node_modules/@s/b/x.js' → a, @s/b). */
function packagesIn(paths: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    parts.forEach((part, i) => {
      if (part !== 'node_modules' || i + 2 >= parts.length) return;
      names.add(parts[i + 1]!.startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]!);
    });
  }
  return names;
}

/** The installed dependency closure of `roots`, resolved as Node resolves it from each package's folder. */
function dependencyClosure(roots: string[]): Set<string> {
  const folders = new Set<string>();
  const names = new Set<string>();
  const visit = (name: string, from: string) => {
    let dir = from;
    while (!existsSync(join(dir, 'node_modules', name, 'package.json'))) {
      // An optional dependency for another platform is not installed: nothing to package.
      if (dir === root || dirname(dir) === dir) return;
      dir = dirname(dir);
    }
    const folder = join(dir, 'node_modules', name);
    if (folders.has(folder)) return;
    folders.add(folder);
    names.add(name);
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dependency, folder);
  };
  for (const name of roots) visit(name, root);
  return names;
}

describe('the packaged app (electron-builder, against the stand-in Electron distribution)', () => {
  let files: Map<string, { unpacked: boolean }>;

  beforeAll(() => {
    ensurePackaged();
    files = asarFiles();
  }, 240_000);

  it('holds the built bundles byte for byte, the migrations and package.json, and nothing else of the project', () => {
    const own = [...files.keys()].filter((path) => !path.startsWith('node_modules/')).sort();
    const expected = [...filesUnder('out/main'), ...filesUnder('out/preload'), ...filesUnder('out/renderer'), ...filesUnder('drizzle'), 'package.json'].sort();
    expect(own).toEqual(expected);
    for (const path of expected.filter((file) => file.startsWith('out/'))) {
      expect(extractFile(PACKAGED_ASAR, path).equals(readFileSync(join(root, path))), `${path} is the one npm run build made`).toBe(true);
    }
    expect(readdirSync(join(root, 'drizzle')).filter((name) => name.endsWith('.sql')).length).toBeGreaterThan(0);
    const pkg = JSON.parse(extractFile(PACKAGED_ASAR, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect({ productName: pkg.productName, main: pkg.main, type: pkg.type, devDependencies: pkg.devDependencies, scripts: pkg.scripts }).toEqual({
      productName: 'Tallychat',
      main: 'out/main/index.js',
      type: 'module',
      devDependencies: undefined,
      scripts: undefined,
    });
  });

  it('bundles import only the runtime dependencies, and node_modules holds exactly those with what they depend on', () => {
    const imported = new Set<string>();
    for (const bundle of filesUnder('out/main')) {
      // Static imports and exports, and dynamic import()s (the WebP decoder loads on first use).
      const source = readFileSync(join(root, bundle), 'utf8');
      const specifiers = [...source.matchAll(/^(?:import|export)\b[^"]*?\bfrom\s*"([^".][^"]*)";/gm), ...source.matchAll(/\bimport\(\s*"([^".][^"]*)"\s*\)/g)];
      for (const [, specifier] of specifiers) {
        if (specifier!.startsWith('node:') || specifier === 'electron') continue;
        imported.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
    }
    expect([...imported].sort()).toEqual([...RUNTIME_DEPENDENCIES].sort());
    expect([...packagesIn(files.keys())].sort()).toEqual([...dependencyClosure(RUNTIME_DEPENDENCIES)].sort());
  });

  it('carries no tests, sources, benchmarks, dev dependencies, source maps, TypeScript or .env', () => {
    const paths = [...files.keys()];
    for (const devOnly of ['electron', 'electron-builder', 'vite', 'vitest', '@playwright/test', 'typescript', 'react', 'drizzle-kit', 'tsx', 'esbuild', 'ws', '@napi-rs/keyring']) {
      expect(packagesIn(paths).has(devOnly), devOnly).toBe(false);
    }
    expect(paths.filter((path) => /^(test|src|bench|scripts|resources|bin)\//.test(path))).toEqual([]);
    expect(paths.filter((path) => /\.(ts|mts|cts|map)$/.test(path) || /(^|\/)\.env(\.|$)/.test(path))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('node_modules/better-sqlite3/') && /\/(deps|src)\//.test(path))).toEqual([]);
  });

  it('unpacks the native module from the asar, beside it, where Electron loads it from', () => {
    const native = [...files].filter(([path]) => path.endsWith('.node'));
    expect(native).toEqual([['node_modules/better-sqlite3/build/Release/better_sqlite3.node', { unpacked: true }]]);
    const unpacked = join(PACKAGED_DIR, 'resources', 'app.asar.unpacked', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(statSync(unpacked).size).toBe(statSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).size);
  });

  it('renames the Electron executable for the app and keeps Electron\'s license beside it', () => {
    expect(readdirSync(PACKAGED_DIR).sort()).toEqual(['LICENSE.electron.txt', 'LICENSES.chromium.html', 'chrome-sandbox', 'locales', 'resources', 'tallychat', 'version']);
    expect(statSync(join(PACKAGED_DIR, 'tallychat')).mode & 0o111).not.toBe(0);
  });
});
