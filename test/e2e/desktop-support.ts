import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { channelOf } from '../../src/shared/contract';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { DesktopApp, type LaunchOptions } from '../stand-in/desktop-app';

/**
 * Fixtures of the desktop specs: an empty home folder, a fake provider, and the real built app on
 * the Electron stand-in (`npx electron-vite build` first). A spec fails if the app touched an
 * Electron API the stand-in does not model.
 */
export const test = base.extend<{
  home: string;
  fake: FakeProvider;
  launch: (options?: Partial<LaunchOptions>) => Promise<DesktopApp>;
}>({
  home: async ({}, use) => {
    const home = mkdtempSync(join(tmpdir(), 'tallychat-home-'));
    await use(home);
    rmSync(home, { recursive: true, force: true });
  },
  fake: async ({}, use) => {
    const fake = await startFakeProvider();
    await use(fake);
    await fake.close();
  },
  launch: async ({ browser, home }, use) => {
    const apps: DesktopApp[] = [];
    await use(async (options = {}) => {
      const app = await DesktopApp.launch({ browser, home, ...options });
      apps.push(app);
      return app;
    });
    for (const app of apps) await app.dispose();
    expect(apps.flatMap((app) => app.gaps), 'Electron APIs the app used that the stand-in does not model').toEqual([]);
    expect(apps.flatMap((app) => app.errorBoxes)).toEqual([]);
    expect(apps.flatMap((app) => app.hostErrors)).toEqual([]);
  },
});

export { expect };

export const PROVIDER_KEY = 'sk-desktop-STANDIN-0123456789-QRST';

/** The data folder `tallychat doctor` prints for this home folder. */
export function doctorDataDir(home: string): string {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  const result = spawnSync(process.execPath, ['bin/tallychat.mjs', 'doctor', '--json'], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tallychat doctor failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { dataDir: string }).dataDir;
}

export interface LedgerRowView {
  status: string;
  cancel_reason: string | null;
  input_tokens: number | null;
  estimated_input_tokens: number | null;
  output_tokens: number | null;
  cost_usd_nanos: number | null;
  usage_source: string | null;
  price_input_usd_nanos_per_mtok: number | null;
  price_output_usd_nanos_per_mtok: number | null;
  /** The assistant message as stored with the row (the partial text of a cancelled answer). */
  answer: string | null;
}

/** The ledger's rows, read from the file itself (the app may still have it open: WAL). */
export function ledgerRows(databaseFile: string): LedgerRowView[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT r.status, r.cancel_reason, r.input_tokens, r.estimated_input_tokens, r.output_tokens, r.cost_usd_nanos, r.usage_source,
                r.price_input_usd_nanos_per_mtok, r.price_output_usd_nanos_per_mtok, m.content AS answer
         FROM requests r LEFT JOIN messages m ON m.id = r.assistant_message_id ORDER BY r.started_at`,
      )
      .all() as LedgerRowView[];
  } finally {
    db.close();
  }
}

/** Adds a provider the way a user does: Settings, typing the key. */
export async function addProviderInSettings(page: Page, fake: FakeProvider, key = PROVIDER_KEY): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add provider' }).click();
  const form = page.getByRole('form', { name: 'New provider' });
  await form.getByLabel('Kind').selectOption('openai');
  await form.getByLabel('Name').fill('Fake OpenAI');
  await form.getByLabel('Base URL').fill(`${fake.baseUrl}/v1`);
  await form.getByLabel('API key').fill(key);
  await form.getByRole('button', { name: 'Save provider' }).click();
  const card = page.getByRole('article', { name: 'Fake OpenAI' });
  // Saving crosses to the core and back to main's key store: seconds on a loaded CI machine.
  await expect(card.getByTestId('masked-key')).toHaveText(`••••${key.slice(-4)}`, { timeout: 20_000 });
  fake.enqueue({ endpoint: 'models', expectApiKey: key, models: ['gpt-4o-mini'] });
  await card.getByRole('button', { name: 'Test connection' }).click();
  await card.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true }).check();
  await card.getByRole('button', { name: 'Save models' }).click();
  await expect(card.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true })).toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

export const PROVIDER_ADD_CHANNEL = channelOf('settingsProviderAdd');
