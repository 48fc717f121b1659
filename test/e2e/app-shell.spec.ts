import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
});

test.afterAll(async () => {
  await harness.close();
});

test('navigates Chat → Spending → Settings over the real core', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(harness.server.url);
  await expect(page).toHaveURL(`${harness.server.origin}/`);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Chat' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();

  await nav.getByRole('button', { name: 'Spending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spending' })).toBeVisible();

  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // These facts come from the core through the contract, so the bridge works end to end.
  await expect(page.getByText(harness.dataDir, { exact: true })).toBeVisible();
  await expect(page.locator('.facts dd').nth(3)).toHaveText(String(harness.core.store.schemaVersion));

  await page.screenshot({ path: 'test-results/screenshots/app-shell-settings.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the page runs under the strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto(harness.server.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const inlineScriptRan = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, directive: await violation };
  });
  expect(inlineScriptRan).toEqual({ ran: false, directive: 'script-src-elem' });
});
