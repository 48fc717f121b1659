import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import { parseUsd } from '../../src/shared/money';
import { useTempDir } from '../helpers/temp-dir';
import { startDevice, type TestDevice } from './device-fixtures';

const tempDir = useTempDir('tallychat-shared-cap-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

async function device(index: number, name: string, folder: string): Promise<TestDevice> {
  const started = await startDevice(index, name, folder);
  running.push(started);
  return started;
}

describe('one cap across devices', () => {
  it('refuses on the desktop through pre-flight once the laptop’s spend has arrived, and sends nothing more', async () => {
    const folder = join(tempDir(), 'Dropbox', 'Tallychat');
    const laptop = await device(0, 'MacBook', folder);
    const desktop = await device(1, 'Desktop', folder);
    const laptopProvider = await laptop.test.addProvider('openai');
    const desktopProvider = await desktop.test.addProvider('openai');

    // gpt-4o at $2.50 in and $10 out per million tokens: 1000 in and 400 out cost $0.0065.
    laptop.test.fake.enqueue({ usage: { input: 1000, output: 400 } });
    const laptopAnswer = await (await laptop.core.chat.send({ providerId: laptopProvider, model: 'gpt-4o', text: 'Hello' })).done;
    expect(laptopAnswer.costNanos).toBe(6_500_000);
    desktop.core.services.budgets.set({ scope: 'overall', scopeValue: '', monthlyCap: parseUsd('0.0065') });

    // Before the laptop's segment has arrived the desktop knows nothing of it, and its pre-flight lets a request through.
    const before = await (await desktop.core.chat.send({ providerId: desktopProvider, model: 'gpt-4o', text: 'Hello', maxOutputTokens: 50 })).done;
    expect(before).toMatchObject({ status: 'completed', costNanos: 35_000 });
    expect(desktop.core.services.budgets.overview().spent).toBe(35_000);

    expect(await laptop.core.services.devices.sync()).toMatchObject({ state: 'ok', skipped: [] });
    expect(await desktop.core.services.devices.sync()).toMatchObject({ state: 'ok', skipped: [] });
    expect(desktop.core.services.budgets.overview().spent).toBe(6_535_000);

    const send = desktop.core.chat.send({ providerId: desktopProvider, model: 'gpt-4o', text: 'Hello again', maxOutputTokens: 50 });
    await expect(send).rejects.toBeInstanceOf(BudgetRefusal);
    await expect(send).rejects.toThrow(
      'Overall monthly cap would be exceeded: $0.006535 spent of $0.0065 in 2026-12; this request is estimated at $0.000522. Raise the cap, or allow this one request past it.',
    );
    // Only the request made before the laptop's spend arrived reached the provider.
    expect(desktop.test.fake.requests).toHaveLength(1);
  });
});
