import { expect, type Page } from '@playwright/test';
import type { LedgerRow } from '../../src/main/core/ledger/ledger-types';
import type { Harness } from '../harness/start-harness';

/** Shared steps of the chat specs: open the app, send, and read what the ledger recorded. */

export async function openChat(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.server.url);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The newest ledger row (the request the test just made). */
export function latestRequest(harness: Harness): LedgerRow {
  const row = harness.core.store.sqlite.prepare('SELECT id FROM requests ORDER BY started_at DESC, rowid DESC LIMIT 1').get() as
    | { id: string }
    | undefined;
  const request = row && harness.core.ledger.get(row.id);
  if (!request) throw new Error('the ledger has no request');
  return request;
}

export function requestCount(harness: Harness): number {
  return (harness.core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
}

export async function waitForFinal(harness: Harness, status?: string): Promise<LedgerRow> {
  // Right after Enter the request may not have reached pre-flight yet: no row is "not final yet".
  await expect.poll(() => (requestCount(harness) === 0 ? 'no request yet' : latestRequest(harness).status), { timeout: 15_000 }).toMatch(status ?? /completed|cancelled|failed/);
  return latestRequest(harness);
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/chat-${name}.png` });
