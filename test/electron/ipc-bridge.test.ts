import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/core/api/dispatcher';
import { bindIpc } from '../../src/main/electron/ipc-bridge';
import { METHOD_NAMES, channelOf } from '../../src/shared/contract';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** ipcMain as the bridge uses it: Electron's own signatures, recorded so a test can invoke them. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
    handle: (channel, listener) => void handlers.set(channel, listener as Listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const trusted = { sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
const stranger = { sender: { id: 2 } } as unknown as IpcMainInvokeEvent;

describe('bindIpc', () => {
  const dispatch = createDispatcher({
    appInfo: () => ({ version: '1', host: 'electron', dataDir: '/d', databaseFile: '/d/x', schemaVersion: 2, platform: 'linux' }),
  });

  it('binds exactly the contract\'s channels and unbinds them', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unbind = bindIpc(ipcMain, dispatch, () => true);
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers a malformed payload with a typed error, then keeps serving', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain, dispatch, (event) => event === trusted);
    const appInfo = handlers.get(channelOf('appInfo'))!;
    await expect(appInfo(trusted, { surprise: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await expect(appInfo(trusted, 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await expect(appInfo(trusted, {})).resolves.toMatchObject({ ok: true, value: { version: '1' } });
  });

  it('refuses a sender that is not the app\'s own window before reading the payload', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    bindIpc(ipcMain, dispatch, (event) => event === trusted);
    await expect(handlers.get(channelOf('appInfo'))!(stranger, {})).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This window may not call Tallychat.', retryable: false },
    });
  });
});
