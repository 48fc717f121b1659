import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { MAX_ENTERED_USD, MoneyRangeError, NANOS_PER_USD, parseEnteredUsd } from '../../src/shared/money';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();

async function budget(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  const code = await runCli(['budget', ...args, '--data-dir', dataDir], io);
  return { code, err: err.join('') };
}

describe('the bound on an entered amount agrees with its message (item 11)', () => {
  it('parseEnteredUsd takes amounts below 9,000,000 dollars and refuses the rest', () => {
    expect(parseEnteredUsd('8999999.999999999')).toBe(MAX_ENTERED_USD * NANOS_PER_USD - 1);
    expect(parseEnteredUsd('-8999999.999999999')).toBe(-(MAX_ENTERED_USD * NANOS_PER_USD - 1));
    for (const text of ['9000000', '9000000.000000001', '9007199.254740991', '-9000000']) {
      expect(() => parseEnteredUsd(text)).toThrow(new MoneyRangeError(`not below 9,000,000 dollars: "${text}"`));
    }
  });

  it('budget set --monthly refuses 9000000.000000001 with the message that names the bound', async () => {
    const dir = tempDir();
    const refused = await budget(dir, 'set', '--monthly', '9000000.000000001');
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')[0]).toBe(
      'tallychat budget: --monthly takes US dollars with at most 9 decimals, below 9,000,000 (e.g. 20 or 12.50), got "9000000.000000001"',
    );
    expect((await budget(dir, 'set', '--monthly', '8999999.999999999')).code).toBe(0);
  });

  it('Settings in the window refuses the same amount with the same bound', async () => {
    const core = createCore({ dataDir: tempDir(), appVersion: 'test', host: 'web' });
    try {
      expect(await core.dispatch('settingsBudgetSet', { scope: 'overall', cap: '9000000.000000001' })).toEqual({
        ok: false,
        error: { code: 'invalid_request', message: 'A monthly cap is US dollars below 9,000,000; got 9000000.000000001.', retryable: false },
      });
      expect(await core.dispatch('settingsBudgetSet', { scope: 'overall', cap: '8999999.999999999' })).toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  });
});
