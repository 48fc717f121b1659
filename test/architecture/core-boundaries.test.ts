import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('architecture', () => {
  const coreFiles = sourceFiles('src/main/core');

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(5);
  });

  it('src/main/core imports neither electron, React nor the DOM renderer', () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(electron|react|react-dom|zustand)(\/|$)/.test(spec) || spec.includes('/renderer/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the import scanner would catch an electron import', () => {
    const sample = "import { app } from 'electron';\nconst x = require('electron');\nawait import('electron/main');";
    expect([...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])).toEqual(['electron', 'electron', 'electron/main']);
  });

  it('only the Electron host and preload import electron at run time', () => {
    const all = [...sourceFiles('src/main'), ...sourceFiles('src/shared'), ...sourceFiles('src/renderer')];
    const valueImports = all.filter((file) =>
      /^import\s+(?!type\b)[^;]*from\s*['"]electron['"]/m.test(readFileSync(file, 'utf8')),
    );
    expect(valueImports.map((f) => f.replaceAll('\\', '/'))).toEqual(['src/main/electron/index.ts']);
  });

  it('the renderer never imports main-process code', () => {
    const offenders = sourceFiles('src/renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/main/') || /^(better-sqlite3|drizzle-orm|node:)/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
