import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder } from '../../src/main/core/db/open-database';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const projectMigrations = resolve(import.meta.dirname, '../../drizzle');

describe('findMigrationsFolder', () => {
  it('finds the project\'s drizzle/ from the sources and from the bundles of a checkout', () => {
    expect(findMigrationsFolder()).toBe(projectMigrations);
    expect(findMigrationsFolder(resolve(import.meta.dirname, '../../out/main/chunks'))).toBe(projectMigrations);
  });

  it('finds drizzle/ inside an installed app\'s app.asar, from the main bundle and from its chunks', () => {
    const app = join(tempDir(), 'Tallychat', 'resources', 'app.asar');
    mkdirSync(join(app, 'out', 'main', 'chunks'), { recursive: true });
    cpSync(projectMigrations, join(app, 'drizzle'), { recursive: true });
    expect(findMigrationsFolder(join(app, 'out', 'main'))).toBe(join(app, 'drizzle'));
    expect(findMigrationsFolder(join(app, 'out', 'main', 'chunks'))).toBe(join(app, 'drizzle'));
  });

  it('names the folder it searched from when there are none', () => {
    const start = join(tempDir(), 'resources', 'app.asar', 'out', 'main');
    mkdirSync(start, { recursive: true });
    expect(() => findMigrationsFolder(start)).toThrow(`No drizzle/ migrations folder above ${start}`);
  });
});
