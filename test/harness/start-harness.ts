import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { MemorySecretStore } from '../helpers/memory-secret-store';

export interface Harness {
  core: Core;
  server: RunningWebServer;
  fake: FakeProvider;
  dataDir: string;
  secrets: SecretStore;
  /** Configures a provider of `kind` that talks to the fake server; returns its id. */
  addFakeProvider(kind: ProviderKind, options?: { id?: string; name?: string; models?: string[]; apiKey?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stands in for the Electron shell in browser tests: the real core on a temp data folder, behind
 * the product's own web server, serving the built renderer (`npm run build` first; set
 * TALLYCHAT_RENDERER_DIR to serve another build), with a fake provider server beside it.
 */
export async function startHarness(options: { dataDir?: string; secrets?: SecretStore; clock?: () => number } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tallychat-e2e-'));
  const secrets = options.secrets ?? new MemorySecretStore();
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'web', secrets, ...(options.clock ? { clock: options.clock } : {}) });
  const server = await startWebServer({ core, rendererDir: resolve(process.env.TALLYCHAT_RENDERER_DIR ?? 'out/renderer') });
  const fake = await startFakeProvider();
  return {
    core,
    // Each page of a test opens its own browser context, so each reads a fresh one-time link.
    server: {
      get url() {
        return server.signInUrl();
      },
      origin: server.origin,
      token: server.token,
      port: server.port,
      signInUrl: () => server.signInUrl(),
      close: () => server.close(),
    },
    fake,
    dataDir,
    secrets,
    addFakeProvider: async (kind, provider = {}) => {
      const id = provider.id ?? kind;
      // Every Chat Completions-style kind (xAI, Mistral and Perplexity too) ends its base URL where /chat/completions goes.
      const openAiStyle = kind !== 'anthropic' && kind !== 'gemini' && kind !== 'ollama';
      const now = Date.now();
      core.providers.save({
        id,
        kind,
        name: provider.name ?? `Fake ${kind}`,
        baseUrl: openAiStyle ? `${fake.baseUrl}/v1` : fake.baseUrl,
        keyRef: await secrets.write(id, provider.apiKey ?? `sk-test-${id}`),
        keyLast4: (provider.apiKey ?? `sk-test-${id}`).slice(-4),
        enabledModels: provider.models ?? ['gpt-4o-mini'],
        modelSettings: {},
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    close: async () => {
      await server.close();
      await core.close();
      await fake.close();
    },
  };
}
