import { EventEmitter } from 'node:events';
import { newEvent } from './app-event';
import { strictApi } from './strict-api';
import { toTest } from './test-channel';

interface NotificationOptions {
  title?: string;
  body?: string;
}

/**
 * Electron's main-process Notification (docs/api/notification.md): an EventEmitter built from
 * `options` that the OS does not show until `show()` is called ("Unlike the web notification API,
 * instantiating a new Notification() does not immediately show it"); `show()` emits `show` each
 * time. Each shown notification is reported to the test, which plays the OS's notification centre.
 */
class StandInNotification extends EventEmitter {
  title: string;
  body: string;

  constructor(options: NotificationOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    // The object itself is strict: a property or method the stand-in lacks fails the test.
    return strictApi('Notification', this);
  }

  /** "Whether or not desktop notifications are supported on the current system": the test's OS has them. */
  static isSupported(): boolean {
    return true;
  }

  show(): void {
    toTest({ type: 'notification-shown', title: this.title, body: this.body });
    this.emit('show', newEvent());
  }
}

export const Notification = strictApi('Notification (static)', StandInNotification);
