import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, channelOf, type IpcResult } from '../../shared/contract';
import type { Dispatch } from '../core/api/dispatcher';

/**
 * Binds every contract method to `ipcMain.handle`. A call from any frame other than the app's own
 * page is refused before its payload is read; everything else goes through the one dispatcher
 * that validates with the contract's zod schemas.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call Tallychat.', retryable: false } };
      }
      return dispatch(method, payload);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelOf(method));
  };
}
