// Runs in the window's page before any of its scripts (a Playwright init script), and gives the real
// preload bundle what Electron gives a sandboxed preload: a `require` that knows only 'electron' with
// the renderer's contextBridge and ipcRenderer (docs/tutorial/sandbox.md, "Preload scripts").
// Written as plain JavaScript because it is page code: desktop-app.ts wraps it around the preload
// and the call `standInPreloadHost(config, preload)`.
// eslint-disable-next-line no-unused-vars
function standInPreloadHost(config, preload) {
  // Preloads run in the main frame only (webPreferences.nodeIntegrationInSubFrames is false).
  if (window !== window.top) return;
  const call = window[config.binding];

  const listeners = new Map();
  const ipcRenderer = {
    // lib/renderer/api/ipc-renderer.ts: a handler's error comes back as this message.
    async invoke(channel, ...args) {
      const answer = await call('invoke', { channel, args });
      if ('error' in answer) throw new Error(`Error invoking remote method '${channel}': ${answer.error}`);
      return answer.result;
    },
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipcRenderer;
    },
  };
  // webContents.send arrives here; the event object stands in for IpcRendererEvent.
  Object.defineProperty(window, config.deliver, {
    value: (channel, args) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...args);
    },
  });

  const contextBridge = {
    // docs/api/context-bridge.md: the API appears on the main world's window under `apiKey`.
    // Context isolation itself is not modelled: the preload's own scope is a closure here.
    exposeInMainWorld(apiKey, api) {
      Object.defineProperty(window, apiKey, { value: api, enumerable: true });
    },
  };
  const strict = (name, object) =>
    new Proxy(object, {
      get(target, key) {
        if (typeof key === 'symbol' || key in target) return target[key];
        call('gap', { member: `${name}.${String(key)}` });
        throw new Error(`The Electron stand-in does not model ${name}.${String(key)}`);
      },
    });
  const modules = { electron: strict('electron (renderer)', { contextBridge: strict('contextBridge', contextBridge), ipcRenderer: strict('ipcRenderer', ipcRenderer) }) };
  const require = (name) => {
    if (!(name in modules)) {
      call('gap', { member: `require('${name}') in the preload` });
      throw new Error(`The stand-in's sandboxed preload can require 'electron' only, not '${name}'`);
    }
    return modules[name];
  };

  // docs/api/session.md: writing to the clipboard asks for `clipboard-sanitized-write`, through the
  // session's permission check and then request handler, which main owns.
  const clipboard = navigator.clipboard;
  const writeText = clipboard.writeText.bind(clipboard);
  clipboard.writeText = async (text) => {
    if (!(await call('permission', { permission: 'clipboard-sanitized-write' }))) {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    }
    return writeText(text);
  };

  // docs/api/web-contents.md setWindowOpenHandler: window.open and links with a target (or a
  // modifier click) ask main's handler. The page gets null back; Tallychat never allows a window.
  const open = window.open.bind(window);
  window.open = (url = '', frameName = '', features = '') => {
    const resolved = new URL(String(url), location.href).href;
    void call('window-open', { url: resolved, frameName, features, disposition: 'new-window' }).then((answer) => {
      if (answer.action === 'allow') open(resolved, frameName, features);
    });
    return null;
  };
  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || !(link.target === '_blank' || event.ctrlKey || event.metaKey || event.shiftKey)) return;
      event.preventDefault();
      void call('window-open', { url: link.href, frameName: '', features: '', disposition: 'foreground-tab' });
    },
    true,
  );

  const module = { exports: {} };
  preload(require, module, module.exports);
}
