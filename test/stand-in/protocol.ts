/**
 * Messages between the stand-in's two halves: the app's main process (the real main bundle on Node,
 * `electron` resolved to ./electron) and the test process that plays Chromium's part through Playwright.
 * They travel over the child process's IPC channel with structured clone (`serialization: 'advanced'`),
 * as Electron's own IPC does.
 */

/** Questions the Chromium side asks main; main answers each with a `reply` carrying the same id. */
export type MainQuestion =
  | { type: 'invoke'; windowId: number; frameUrl: string; channel: string; args: unknown[] }
  | { type: 'permission'; windowId: number; permission: string; requestingUrl: string; isMainFrame: boolean }
  | { type: 'window-open'; windowId: number; url: string; frameName: string; features: string; disposition: string }
  | { type: 'will-navigate'; windowId: number; url: string }
  | { type: 'headers'; url: string; resourceType: string; responseHeaders: Record<string, string[]> };

export type InvokeAnswer = { result: unknown } | { error: string };

/** What a `MainQuestion` of each type is answered with. */
export interface MainAnswers {
  invoke: InvokeAnswer;
  permission: boolean;
  'window-open': { action: 'allow' | 'deny' };
  'will-navigate': { prevented: boolean };
  headers: { responseHeaders: Record<string, string[]> };
}

/** Things the user or the OS does to the app. */
export type UserAction =
  | { type: 'ready-to-show'; windowId: number }
  | { type: 'close-window'; windowId: number }
  | { type: 'minimize'; windowId: number };

export type ToMain = ({ id: number } & MainQuestion) | UserAction;

export type FromMain =
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'window-created'; windowId: number; preload: string }
  | { type: 'window-load'; windowId: number; url: string }
  | { type: 'window-state'; windowId: number; change: 'show' | 'focus' | 'restore' | 'destroyed' }
  | { type: 'send'; windowId: number; channel: string; args: unknown[] }
  | { type: 'open-external'; url: string }
  | { type: 'error-box'; title: string; content: string }
  /** main showed a save dialog offering `defaultPath`; the user chose `chosen` (null: cancelled). */
  | { type: 'save-dialog'; defaultPath: string; chosen: string | null }
  /** Main showed an OS notification (Electron's Notification.show()). */
  | { type: 'notification-shown'; title: string; body: string }
  /** A utility process main forked has started (the test may end it, as a crash would). */
  | { type: 'utility-spawned'; pid: number; serviceName: string };
