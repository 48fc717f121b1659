import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../src/main/core/providers');
const FORBIDDEN = /from\s+'(electron|react|react-dom)(\/[^']*)?'|\b(window|document)\./;

describe('src/main/core/providers', () => {
  it('imports neither electron nor React nor DOM globals', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => FORBIDDEN.test(readFileSync(join(DIR, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
