import { hostname } from 'node:os';
import type { SettingsStore } from '../settings/settings-store';

export interface DeviceIdentity {
  id: string;
  name: string;
}

/**
 * This device's id and name in the sync folder. The id is minted once and kept in the settings
 * store, so it survives restarts and renames; the name is the user's, or the machine's host name.
 */
export class DeviceIdentityStore {
  constructor(
    private readonly settings: SettingsStore,
    private readonly newId: () => string,
  ) {}

  current(): DeviceIdentity {
    let id = this.settings.get('deviceId');
    if (id === null) {
      id = this.newId();
      this.settings.set('deviceId', id);
    }
    return { id, name: this.settings.get('deviceName') ?? defaultDeviceName() };
  }

  rename(name: string): DeviceIdentity {
    this.settings.set('deviceName', name.trim());
    return this.current();
  }
}

function defaultDeviceName(): string {
  const name = hostname().trim();
  return name.length > 0 ? name.slice(0, 80) : 'This computer';
}
