import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/secrets/secret-store';
import { openSafeStorageSecretStore } from '../core/secrets/electron-safe-storage-secret-store';

/**
 * The desktop app's key store: Electron's safeStorage (the OS keychain), handed to the core,
 * which never imports electron. Call after `app` is ready: before it, safeStorage reports no keychain.
 */
export function openDesktopSecretStore(safeStorage: SafeStorage, dataDir: string, platform: NodeJS.Platform = process.platform): Promise<SecretStore> {
  return openSafeStorageSecretStore({ safeStorage, dataDir, platform });
}
