import type { z } from 'zod';
import { contract, type MethodName } from '../../src/shared/contract';
import { seededRandom } from '../helpers/seeded-random';


/**
 * Strings a hostile or broken renderer might send. URLs point only at this machine: a fuzzed
 * provider must never send traffic anywhere else (the test's fetch guard checks that too).
 */
const STRINGS = [
  '', ' ', 'x', 'openai', 'gpt-4o-mini', 'UTC', 'Europe/Paris', 'Mars/Olympus', '2026-03-01', '2026-02-30', '0', '0.5', '-1', '1e9',
  '12.3456789012', 'NaN', 'EUR', 'usd', 'overall', 'provider', 'model', 'http://127.0.0.1:9/v1', 'http://localhost:1', 'file:///etc/passwd',
  'javascript:alert(1)', '../../../etc/passwd', '__proto__', 'constructor', 'prototype', '\u0000', '\ud800', '😀'.repeat(50), '<script>alert(1)</script>',
  "'; DROP TABLE requests; --", 'a'.repeat(5000), 'sk-FUZZ-not-a-real-key-0000', 'delete all history', 'DELETE ALL HISTORY',
];

/** Values only a structured-clone transport (Electron IPC, a direct call) can carry; JSON turns them into null or {}. */
const CLONE_ONLY = () => [NaN, Infinity, -Infinity, -0, new Date(0), new Map([['a', 1]]), new Set([1]), new Uint8Array([1, 2]), undefined];

export interface FuzzOptions {
  /** Ids the fuzz may hit on purpose (the fixture's providers, a conversation), so valid paths run too. */
  knownIds: string[];
  /** Whether payloads may hold values JSON cannot carry. */
  cloneValues: boolean;
}

export function fuzzPayloads(method: MethodName, count: number, seed: number, options: FuzzOptions): unknown[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const schema = contract[method].request as z.ZodType;
  const shape = 'shape' in schema ? (schema.shape as Record<string, z.ZodType>) : {};
  const keys = Object.keys(shape);

  const scalar = (): unknown => {
    const roll = random();
    if (roll < 0.35) return pick(random() < 0.3 && options.knownIds.length ? options.knownIds : STRINGS);
    if (roll < 0.6) return pick([0, 1, -1, 0.5, 2, 3, 100, 256, 1e6, 2 ** 31, Number.MAX_SAFE_INTEGER, -1e308, 1.5e-300]);
    if (roll < 0.7) return random() < 0.5;
    if (roll < 0.8) return null;
    if (roll < 0.9 && options.cloneValues) return pick(CLONE_ONLY());
    return Math.floor(random() * 1e6).toString(36);
  };
  const value = (depth: number): unknown => {
    const roll = random();
    if (depth > 2 || roll < 0.6) return scalar();
    if (roll < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(STRINGS).slice(0, 20), value(depth + 1)]));
  };
  /** The method's own field names with wrong, borderline or valid values; sometimes a field missing or one too many. */
  const shaped = (): unknown => {
    const payload: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.85) payload[key] = value(1);
    if (random() < 0.5) payload[pick(['extra', 'id', 'apiKey', '__proto__', 'constructor'])] = value(1);
    return payload;
  };
  const pollution = (): unknown =>
    pick([
      JSON.parse('{"__proto__": {"polluted": "yes"}}'),
      JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
      Object.assign(JSON.parse('{"__proto__": {"polluted": "yes"}}'), shaped()),
    ]);

  return Array.from({ length: count }, () => {
    const roll = random();
    if (roll < 0.55) return shaped();
    if (roll < 0.9) return value(0);
    return pollution();
  });
}
