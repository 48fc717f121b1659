import { resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { createServer, type ViteDevServer } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';
import { expect, test } from './desktop-support';

let server: ViteDevServer;

test.beforeAll(async () => {
  // The renderer config exactly as `electron-vite dev` resolves it, on a port of its own; Vite's
  // dependency cache goes to test-results/ (kept between runs), not into node_modules.
  const resolved = await resolveConfig({ root: resolve('.') }, 'serve', 'development');
  if (!resolved.config?.renderer) throw new Error('electron.vite.config.ts has no renderer config');
  server = await createServer({
    ...resolved.config.renderer,
    configFile: false,
    cacheDir: resolve('test-results/vite-dev-cache'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
});

test.afterAll(async () => {
  await server.close();
});

test('`npm run dev`: the window loads the dev server under the CSP main adds, with no violation', async ({ launch }) => {
  const address = server.httpServer!.address();
  if (address === null || typeof address === 'string') throw new Error('the dev server has no port');
  const app = await launch({ env: { ELECTRON_RENDERER_URL: `http://127.0.0.1:${address.port}` } });
  const page = await app.window();
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible({ timeout: 20_000 });
  const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(policy).toBe(CONTENT_SECURITY_POLICY);
  expect(app.consoleErrors).toEqual([]);
});
