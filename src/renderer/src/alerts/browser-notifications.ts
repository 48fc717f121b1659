import type { SpendAlert } from '../../../shared/contract/events';
import { call } from '../api/tallychat-client';

let host: Promise<string> | undefined;

/** Which host serves this page, asked once: the desktop app notifies from main, not from here. */
function servedBy(): Promise<string> {
  host ??= call('appInfo', {}).then((info) => info.host);
  return host;
}

/** Browser mode can notify at all: the page runs in a browser with notifications, served by `tallychat ui`. */
export async function browserCanNotify(): Promise<boolean> {
  return 'Notification' in window && (await servedBy()) === 'web';
}

/**
 * In browser mode, a spend alert becomes the browser's own notification once the user has allowed
 * them (Settings asks, from a click, as browsers require). The desktop app shows it from main
 * with Electron's Notification, so the window shows none of its own.
 */
export function showBrowserNotification(alert: SpendAlert): void {
  void browserCanNotify().then((can) => {
    if (!can || Notification.permission !== 'granted') return;
    // The tag makes a second tab of the same app replace the notification instead of doubling it.
    const tag = alert.kind === 'anomaly' ? `anomaly:${alert.day}` : `${alert.kind}:${alert.label}:${alert.month}`;
    new Notification(alert.title, { body: alert.body, tag });
  });
}
