import { ConsentingSecretStore } from './consenting-secret-store';
import type { KeyFile } from './key-file';
import { localKeyStorage } from './key-files';
import { keyRef, type KeyVault } from './key-vault';

/**
 * The part of Electron's `safeStorage` used here, with Electron's own signatures. The core does
 * not import electron: the host passes `safeStorage` in (src/main/electron/secret-store-wiring.ts).
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
}

export const SAFE_STORAGE_SCHEME = 'safe-storage';

const KEYCHAIN_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows DPAPI (your Windows account)',
};

/** Keys encrypted by the OS keychain through Electron's safeStorage; the ciphertext sits in the key file. */
export class SafeStorageVault implements KeyVault {
  readonly scheme = SAFE_STORAGE_SCHEME;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly keys: KeyFile,
    readonly description: string,
  ) {}

  async put(providerId: string, secret: string): Promise<void> {
    const encrypted = await this.safeStorage.encryptStringAsync(secret);
    this.keys.update((data) => {
      data.keys[keyRef(this.scheme, providerId)] = encrypted.toString('base64');
    });
  }

  async get(providerId: string): Promise<string | undefined> {
    const stored = this.keys.read().keys[keyRef(this.scheme, providerId)];
    if (stored === undefined) return undefined;
    const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
    // The keychain rotated its key: store the key again under the new one.
    if (shouldReEncrypt) await this.put(providerId, result);
    return result;
  }

  async delete(providerId: string): Promise<void> {
    this.keys.update((data) => {
      delete data.keys[keyRef(this.scheme, providerId)];
    });
  }
}

/**
 * The desktop app's key store. On Linux, safeStorage's "basic_text" backend encrypts with a
 * password that ships in Chromium's source: that is no keychain, so it counts as unavailable and
 * the user is asked before the weaker local scheme is used.
 */
export async function openSafeStorageSecretStore(options: {
  safeStorage: SafeStorageLike;
  dataDir: string;
  platform?: NodeJS.Platform;
}): Promise<ConsentingSecretStore> {
  const platform = options.platform ?? process.platform;
  const { keyFile, weaker } = localKeyStorage(options.dataDir);
  const available = await options.safeStorage.isAsyncEncryptionAvailable();
  const backend = platform === 'linux' ? options.safeStorage.getSelectedStorageBackend() : undefined;
  const usable = available && backend !== 'basic_text' && backend !== 'unknown';
  const keychainName = backend ? `the system keyring (${backend})` : (KEYCHAIN_NAMES[platform] ?? 'the system keychain');
  const noKeychainReason = !available
    ? 'This system offers no keychain Tallychat can use (Electron safeStorage reports encryption as unavailable).'
    : 'This desktop has no keyring Tallychat recognizes (Electron safeStorage would fall back to a password published in Chromium\'s source).';
  return new ConsentingSecretStore({
    keychain: usable ? new SafeStorageVault(options.safeStorage, keyFile, `${keychainName}, through Electron safeStorage`) : undefined,
    noKeychainReason,
    weaker,
    keyFile,
  });
}
