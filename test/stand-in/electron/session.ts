import { windowById } from './browser-window';
import { strictApi } from './strict-api';
import { answerQuestions } from './test-channel';

type PermissionDetails = { requestingUrl: string; isMainFrame: boolean };
type RequestHandler = (contents: object, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void;
type CheckHandler = (contents: object | null, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean;
type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

/**
 * `session.defaultSession`: permissions and response headers. docs/api/session.md:
 * "Most web APIs do a permission check and then make a permission request if the check is denied";
 * with no handler set, Electron grants. `navigator.clipboard.writeText` asks for
 * `clipboard-sanitized-write` (the permission list of `setPermissionRequestHandler`).
 */
export function createSession() {
  let requestHandler: RequestHandler | null = null;
  let checkHandler: CheckHandler | null = null;
  let headersListener: HeadersListener | null = null;

  const webRequest = strictApi('WebRequest', {
    onHeadersReceived(listener: HeadersListener | null) {
      headersListener = listener;
    },
  });
  const session = strictApi('Session', {
    webRequest,
    setPermissionRequestHandler(handler: RequestHandler | null) {
      requestHandler = handler;
    },
    setPermissionCheckHandler(handler: CheckHandler | null) {
      checkHandler = handler;
    },
  });

  answerQuestions('permission', ({ windowId, permission, requestingUrl, isMainFrame }) => {
    const contents = windowById(windowId)?.webContents ?? null;
    const details = { requestingUrl, isMainFrame };
    const origin = new URL(requestingUrl).origin;
    if (!checkHandler || checkHandler(contents, permission, origin, details)) return true;
    if (!requestHandler) return true;
    const handler = requestHandler;
    return new Promise<boolean>((resolve) => handler(contents ?? {}, permission, resolve, details));
  });

  answerQuestions('headers', ({ url, resourceType, responseHeaders }) => {
    const listener = headersListener;
    if (!listener) return { responseHeaders };
    return new Promise((resolve) =>
      listener({ url, resourceType, responseHeaders }, (response) => resolve({ responseHeaders: response.responseHeaders ?? responseHeaders })),
    );
  });
  return session;
}
