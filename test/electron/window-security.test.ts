import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  isSafeExternalUrl,
  lockDownSession,
  lockDownWebContents,
  secureWebPreferences,
} from '../../src/main/electron/window-security';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';

describe('window security', () => {
  it('turns on isolation and the sandbox and turns off Node in the renderer', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('lets only http and https links out', () => {
    expect(isSafeExternalUrl('https://example.com/a')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:3000')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'not a url', 'data:text/html,x']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('denies new windows and navigation; web links go to the system browser', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler;
      },
    } as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
    const openExternal = vi.fn(async () => {});
    lockDownWebContents(contents, openExternal, (url) => url.startsWith('file:///app/'));

    expect(openHandler!({ url: 'https://docs.example.com' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.com']]);

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get('will-navigate')!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('file:///app/renderer/index.html')).toBe(false);
    expect(navigate('https://evil.example')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://docs.example.com'], ['https://evil.example']]);
  });

  it('denies every permission but the app page\'s clipboard write, and sends the CSP with every response', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void, d: { requestingUrl?: string }) => void) | undefined;
    let checkHandler: ((c: unknown, p: string, o: string, d: { requestingUrl?: string }) => boolean) | undefined;
    let headersHandler: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
    } as unknown as Parameters<typeof lockDownSession>[0] & Pick<Session, 'setPermissionRequestHandler'>;
    const appPage = 'file:///app/renderer/index.html';
    lockDownSession(session, (url) => url === appPage);

    const granted = vi.fn();
    requestHandler!({}, 'media', granted, { requestingUrl: appPage });
    requestHandler!({}, 'notifications', granted, { requestingUrl: appPage });
    expect(granted.mock.calls).toEqual([[false], [false]]);
    expect(checkHandler!({}, 'media', 'file://', { requestingUrl: appPage })).toBe(false);
    requestHandler!({}, 'clipboard-sanitized-write', granted, { requestingUrl: appPage });
    requestHandler!({}, 'clipboard-sanitized-write', granted, { requestingUrl: 'https://evil.example/' });
    requestHandler!({}, 'clipboard-read', granted, { requestingUrl: appPage });
    expect(granted.mock.calls.slice(2)).toEqual([[true], [false], [false]]);
    expect(checkHandler!({}, 'clipboard-sanitized-write', 'file://', { requestingUrl: appPage })).toBe(true);
    expect(checkHandler!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    const reply = vi.fn();
    headersHandler!({ responseHeaders: { 'X-Other': ['1'] } }, reply);
    expect(reply).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
