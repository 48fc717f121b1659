import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';

export interface Harness {
  core: Core;
  server: RunningWebServer;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Stands in for the Electron shell in browser tests: the real core on a temp data folder, behind
 * the product's own web server, serving the built renderer (run `npm run build` first).
 */
export async function startHarness(options: { dataDir?: string } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tallychat-e2e-'));
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'web' });
  const server = await startWebServer({ core, rendererDir: resolve('out/renderer') });
  return {
    core,
    server,
    dataDir,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}
