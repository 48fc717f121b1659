import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, type TallychatEvent } from '../shared/contract';
import { buildApi } from './build-api';

const api = buildApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (listener) => {
    // The renderer gets the event only, never Electron's IpcRendererEvent (it exposes the sender).
    const handler = (_event: Electron.IpcRendererEvent, payload: TallychatEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld('tallychat', api);
