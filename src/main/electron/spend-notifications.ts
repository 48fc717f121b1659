import type { Notification as ElectronNotification } from 'electron';
import type { TallychatEvent } from '../../shared/contract';

/** The part of Electron's Notification class main uses (docs/api/notification.md). */
export interface NotificationClass {
  new (options: { title: string; body: string }): Pick<ElectronNotification, 'show'>;
  isSupported(): boolean;
}

/**
 * The core runs in a utility process, which has no Notification module: it sends its spend alerts
 * as events, and main shows each as an OS notification. Electron's Notification is not shown
 * until `show()` is called; a system without desktop notifications gets none (isSupported).
 */
export function notifySpendAlerts(Notification: NotificationClass): (event: TallychatEvent) => void {
  return (event) => {
    if (event.type !== 'spend.alert' || !Notification.isSupported()) return;
    new Notification({ title: event.alert.title, body: event.alert.body }).show();
  };
}
