import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TallychatEvent } from '../../src/shared/contract';
import type { FromCore, ToCore } from '../../src/main/core-process/core-protocol';
import { CoreSupervisor, type CoreChild, type CoreSupervisorOptions } from '../../src/main/core-process/core-supervisor';
import { serveCore, type ParentPortLike } from '../../src/main/core-process/serve-core';
import { SecretStoreError, type SecretStore } from '../../src/main/core/secrets/secret-store';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('tallychat-core-process-');
const KEY = 'sk-relay-0123456789-WXYZ';

/**
 * A core "process" in this test's process: the real serveCore behind a port pair that delivers
 * each message asynchronously as a structured clone, as a utility process's port does.
 * `crash()` ends it without a word, as a killed process does.
 */
class InProcessCore extends EventEmitter implements CoreChild {
  static lastPid = 1000;
  readonly pid = ++InProcessCore.lastPid;
  readonly received: ToCore[] = [];
  private alive = true;
  private readonly port = new EventEmitter() as EventEmitter & ParentPortLike;

  constructor() {
    super();
    this.port.postMessage = (message) => setImmediate(() => this.alive && this.emit('message', structuredClone(message) as FromCore));
    serveCore(this.port, (code) => this.crash(code));
  }

  postMessage(message: ToCore): void {
    this.received.push(message);
    setImmediate(() => this.alive && this.port.emit('message', { data: structuredClone(message) }));
  }

  kill(): boolean {
    this.crash(1);
    return true;
  }

  crash(code = 9): void {
    if (!this.alive) return;
    this.alive = false;
    setImmediate(() => this.emit('exit', code));
  }
}

function supervised(secrets: SecretStore = new MemorySecretStore(), chooseExportFile: CoreSupervisorOptions['chooseExportFile'] = async () => undefined) {
  const children: InProcessCore[] = [];
  const events: TallychatEvent[] = [];
  const dataDir = tempDir();
  const supervisor = new CoreSupervisor({
    fork: () => {
      const child = new InProcessCore();
      children.push(child);
      return child;
    },
    start: { dataDir, appVersion: '9.9.9' },
    secrets,
    onEvent: (event) => events.push(event),
    chooseExportFile,
    report: () => {},
    maxRestarts: 2,
  });
  return { supervisor, children, events, secrets, dataDir };
}

describe('the core in a process of its own', () => {
  it('answers the contract through the relay, and a name outside the contract never reaches the core', async () => {
    const { supervisor, children } = supervised();
    await supervisor.start();
    const info = await supervisor.dispatch('appInfo', {});
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', host: 'electron', schemaVersion: expect.any(Number) } });
    expect(await supervisor.dispatch('deleteEverything', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method "deleteEverything".', retryable: false },
    });
    expect(children[0]!.received.filter((m) => m.kind === 'call').map((m) => m.kind === 'call' && m.method)).toEqual(['appInfo']);
    // Payloads are validated where they enter the core, by the core's own dispatcher.
    const invalid = await supervisor.dispatch('settingsProviderAdd', { kind: 'openai', apiKey: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await supervisor.close();
  });

  it('keeps keys in main: a typed key goes to main\'s store, and the core is told only where keys are kept', async () => {
    const { supervisor, children, secrets } = supervised();
    await supervisor.start();
    const start = children[0]!.received[0]!;
    expect(JSON.stringify(start)).not.toContain('sk-');
    expect(start).toMatchObject({ kind: 'start', options: { secrets: { description: 'test memory store', canStore: true, weakerScheme: null } } });
    const added = await supervisor.dispatch('settingsProviderAdd', { kind: 'openai', name: 'Relay', apiKey: KEY });
    expect(added).toMatchObject({ ok: true, value: { name: 'Relay', keyLast4: 'WXYZ' } });
    expect([...(secrets as MemorySecretStore).secrets.values()]).toEqual([KEY]);
    expect(await supervisor.dispatch('settingsKeyStorage', {})).toEqual({ ok: true, value: { description: 'test memory store', canStore: true, weakerScheme: null } });
    await supervisor.close();
  });

  it("a key store's refusal reaches the window as the store's own words", async () => {
    const refusing: SecretStore = {
      description: 'no keychain',
      canStore: false,
      read: async () => undefined,
      write: async () => {
        throw new SecretStoreError('Accept the weaker scheme in Settings → Providers first.');
      },
      remove: async () => {},
    };
    const { supervisor } = supervised(refusing);
    await supervisor.start();
    expect(await supervisor.dispatch('settingsProviderAdd', { kind: 'openai', name: 'Relay', apiKey: KEY })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Accept the weaker scheme in Settings → Providers first.', retryable: false },
    });
    await supervisor.close();
  });

  it('a crash answers the call in flight with a retryable error, tells the window, and a new core answers after it', async () => {
    const { supervisor, children, events } = supervised();
    await supervisor.start();
    const inFlight = supervisor.dispatch('appInfo', {});
    children[0]!.crash();
    expect(await inFlight).toEqual({
      ok: false,
      error: { code: 'disconnected', message: 'The Tallychat core stopped while answering this call; it is restarting. Try again.', retryable: true },
    });
    expect(await supervisor.dispatch('appInfo', {})).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    expect(children).toHaveLength(2);
    expect(events).toEqual([
      {
        type: 'app.notice',
        level: 'error',
        message: "Tallychat's core stopped unexpectedly and is restarting. An answer that was streaming is kept as interrupted, with its tokens and cost.",
      },
      { type: 'host.reconnected' },
    ]);
    await supervisor.close();
  });

  it('stops restarting a core that keeps dying, and says so', async () => {
    const { supervisor, children, events } = supervised();
    await supervisor.start();
    for (let crash = 0; crash < 3; crash++) {
      children.at(-1)!.crash();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(children).toHaveLength(3);
    expect(events.at(-1)).toEqual({
      type: 'app.notice',
      level: 'error',
      message:
        "Tallychat's core stopped 3 times within a minute and was not restarted again. Quit and reopen Tallychat; answers that were streaming are kept as interrupted.",
    });
    expect(await supervisor.dispatch('appInfo', {})).toMatchObject({ ok: false, error: { code: 'disconnected', retryable: true } });
    // Quitting then has no core to wait for.
    expect(supervisor.close()).toBeUndefined();
  });

  it('an export goes to the file main\'s dialog chose: the core writes the same CSV as the download, and it never crosses the relay', async () => {
    const folder = tempDir();
    const offered: string[] = [];
    let answer: string | undefined = join(folder, 'spend.csv');
    const { supervisor, children, dataDir } = supervised(new MemorySecretStore(), async (suggestedName) => {
      offered.push(suggestedName);
      return answer;
    });
    await supervisor.start();
    const ledger = new Database(join(dataDir, 'tallychat.sqlite'));
    insertLedgerRows(ledger, randomRows(7, 500, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31)));
    ledger.close();
    const request = { period: { kind: 'custom', from: '2026-01-01', to: '2026-01-31' }, groupBy: 'request', bom: true } as const;

    const download = await supervisor.dispatch('spendingExportCsv', request);
    const saved = await supervisor.dispatch('spendingExportCsvSave', request);
    expect(saved).toEqual({ ok: true, value: { status: 'saved', file: join(folder, 'spend.csv'), rows: 500 } });
    expect(offered).toEqual(['tallychat-2026-01-01-to-2026-01-31-by-request.csv']);
    expect(download.ok && readFileSync(join(folder, 'spend.csv'), 'utf8')).toBe(download.ok && (download.value as { csv: string }).csv);
    // The only export messages to the core are the call and the dialog's answer: no text.
    expect(children[0]!.received.filter((message) => message.kind === 'export-file-answer')).toEqual([
      { kind: 'export-file-answer', id: 1, answer: { status: 'chosen', file: join(folder, 'spend.csv') } },
    ]);

    answer = undefined;
    expect(await supervisor.dispatch('spendingExportCsvSave', { ...request, groupBy: 'model' })).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(existsSync(join(folder, 'tallychat-2026-01-01-to-2026-01-31-by-model.csv'))).toBe(false);
    await supervisor.close();
  });

  it('a core that cannot open the ledger fails the start with its reason', async () => {
    const children: InProcessCore[] = [];
    const supervisor = new CoreSupervisor({
      fork: () => {
        const child = new InProcessCore();
        children.push(child);
        return child;
      },
      start: { dataDir: '/dev/null/not-a-folder', appVersion: '1' },
      secrets: new MemorySecretStore(),
      onEvent: () => {},
      chooseExportFile: async () => undefined,
      report: () => {},
    });
    await expect(supervisor.start()).rejects.toThrow(/not-a-folder/);
    expect(children).toHaveLength(1);
  });
});
