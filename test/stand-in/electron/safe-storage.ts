import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { pathPlatform } from './app-paths';
import { strictApi } from './strict-api';

/**
 * `safeStorage`'s asynchronous API (docs/api/safe-storage.md). The "OS keychain" is a key derived
 * from ELECTRON_STAND_IN_KEYCHAIN, held outside the app's files, so ciphertext in the data folder
 * never shows the plain text. Before `ready` the backend is `unknown` and encryption unavailable.
 */
export function createSafeStorage(isReady: () => boolean) {
  const key = createHash('sha256').update(`stand-in keychain:${process.env.ELECTRON_STAND_IN_KEYCHAIN ?? ''}`).digest();
  return strictApi('SafeStorage', {
    async isAsyncEncryptionAvailable(): Promise<boolean> {
      return isReady();
    },
    async encryptStringAsync(plainText: string): Promise<Buffer> {
      if (!isReady()) throw new Error('safeStorage is not available before the app is ready');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
      return { shouldReEncrypt: false, result };
    },
    getSelectedStorageBackend(): string {
      if (!isReady()) return 'unknown';
      return pathPlatform() === 'linux' ? 'gnome_libsecret' : 'unknown';
    },
  });
}
