import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  openSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../src/main/core/secrets/electron-safe-storage-secret-store';
import { KEY_FILE_NAME, LOCAL_SECRET_FILE_NAME } from '../../src/main/core/secrets/key-files';
import { openKeyringSecretStore, type KeyringEntryFactory } from '../../src/main/core/secrets/keyring-secret-store';
import { WeakerSchemeConsentError } from '../../src/main/core/secrets/secret-store';
import { openDesktopSecretStore } from '../../src/main/electron/secret-store-wiring';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('tallychat-keys-');
const KEY = 'sk-proj-KEYSTORAGE-0123456789abcdef';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** safeStorage at the boundary: a reversible stand-in for the OS keychain, with the switches a test needs. */
function fakeSafeStorage(available: boolean, backend: Backend = 'gnome_libsecret', rotate = false) {
  const calls = { encrypt: 0, decrypt: 0 };
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain) => {
      calls.encrypt++;
      if (!available) throw new Error('Encryption is not available.');
      return Buffer.from(`os:${[...plain].reverse().join('')}`);
    },
    decryptStringAsync: async (encrypted) => {
      calls.decrypt++;
      const text = encrypted.toString();
      return { result: [...text.slice(3)].reverse().join(''), shouldReEncrypt: rotate };
    },
  };
  return { safeStorage, calls };
}

function keyFileText(dir: string): string {
  return readFileSync(join(dir, KEY_FILE_NAME), 'utf8');
}

describe('key storage with Electron safeStorage available', () => {
  it('encrypts through safeStorage, keeps only ciphertext on disk, and reads the key back', async () => {
    const dir = tempDir();
    const { safeStorage, calls } = fakeSafeStorage(true);
    const store = await openSafeStorageSecretStore({ safeStorage, dataDir: dir, platform: 'linux' });

    expect(store.description).toBe('the system keyring (gnome_libsecret), through Electron safeStorage');
    expect(store.canStore).toBe(true);
    expect(store.weakerScheme).toBeUndefined();
    const ref = await store.write('openai-1', KEY);
    expect(ref).toBe('safe-storage:openai-1');
    expect(calls.encrypt).toBe(1);
    expect(keyFileText(dir)).not.toContain(KEY);
    expect(JSON.parse(keyFileText(dir)).keys['safe-storage:openai-1']).toBe(Buffer.from(`os:${[...KEY].reverse().join('')}`).toString('base64'));
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    await expect(store.read(ref)).resolves.toBe(KEY);

    await store.remove(ref);
    await expect(store.read(ref)).resolves.toBeUndefined();
    expect(JSON.parse(keyFileText(dir)).keys).toEqual({});
  });

  it('names the keychain of each platform', async () => {
    const mac = await openSafeStorageSecretStore({ safeStorage: fakeSafeStorage(true).safeStorage, dataDir: tempDir(), platform: 'darwin' });
    const windows = await openSafeStorageSecretStore({ safeStorage: fakeSafeStorage(true).safeStorage, dataDir: tempDir(), platform: 'win32' });
    expect(mac.description).toBe('the macOS Keychain, through Electron safeStorage');
    expect(windows.description).toBe('Windows DPAPI (your Windows account), through Electron safeStorage');
  });

  it('stores the key again when the keychain asks for re-encryption', async () => {
    const dir = tempDir();
    const { safeStorage, calls } = fakeSafeStorage(true, 'kwallet6', true);
    const store = await openSafeStorageSecretStore({ safeStorage, dataDir: dir, platform: 'linux' });
    const ref = await store.write('p', KEY);
    await expect(store.read(ref)).resolves.toBe(KEY);
    expect(calls).toEqual({ encrypt: 2, decrypt: 1 });
  });

  it('wires Electron\'s own safeStorage type through the desktop host module', async () => {
    const dir = tempDir();
    const { safeStorage } = fakeSafeStorage(true);
    const store = await openDesktopSecretStore(safeStorage as unknown as Electron.SafeStorage, dir, 'darwin');
    await expect(store.read(await store.write('p', KEY))).resolves.toBe(KEY);
  });
});

describe('key storage without a keychain', () => {
  it('stores nothing until the user accepts the weaker scheme, and says why', async () => {
    const dir = tempDir();
    const { safeStorage, calls } = fakeSafeStorage(false);
    const store = await openSafeStorageSecretStore({ safeStorage, dataDir: dir, platform: 'linux' });

    expect(store.canStore).toBe(false);
    expect(store.description).toBe('no OS keychain available; keys are not stored until you accept a weaker scheme');
    expect(store.weakerScheme).toMatchObject({
      reason: 'This system offers no keychain Tallychat can use (Electron safeStorage reports encryption as unavailable).',
      accepted: false,
    });
    await expect(store.write('p', KEY)).rejects.toThrow(WeakerSchemeConsentError);
    await expect(store.write('p', KEY)).rejects.toThrow(
      'This system offers no keychain Tallychat can use (Electron safeStorage reports encryption as unavailable). ' +
        'Tallychat stores no key until you accept the weaker scheme in Settings → Providers.',
    );
    expect(calls.encrypt).toBe(0);
    expect(() => statSync(join(dir, KEY_FILE_NAME))).toThrow();
  });

  it('after consent, encrypts with a local random key, never plain text, and remembers the consent', async () => {
    const dir = tempDir();
    const open = () => openSafeStorageSecretStore({ safeStorage: fakeSafeStorage(false).safeStorage, dataDir: dir, platform: 'linux' });
    const store = await open();
    await store.acceptWeakerScheme();
    expect(store.canStore).toBe(true);
    expect(store.weakerScheme?.accepted).toBe(true);
    expect(store.description).toContain('an encrypted file in the data folder whose key is stored beside it');

    const ref = await store.write('p', KEY);
    expect(ref).toBe('local-file:p');
    expect(keyFileText(dir)).not.toContain(KEY);
    expect(keyFileText(dir)).not.toContain(Buffer.from(KEY).toString('base64').slice(0, 16));
    expect(statSync(join(dir, LOCAL_SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, LOCAL_SECRET_FILE_NAME)).size).toBe(32);

    const reopened = await open();
    expect(reopened.canStore).toBe(true);
    await expect(reopened.read(ref)).resolves.toBe(KEY);
  });

  it('treats Linux\'s basic_text backend (a password published in Chromium) as no keychain', async () => {
    const store = await openSafeStorageSecretStore({
      safeStorage: fakeSafeStorage(true, 'basic_text').safeStorage,
      dataDir: tempDir(),
      platform: 'linux',
    });
    expect(store.canStore).toBe(false);
    expect(store.weakerScheme?.reason).toBe(
      "This desktop has no keyring Tallychat recognizes (Electron safeStorage would fall back to a password published in Chromium's source).",
    );
  });

  it('keeps reading a key stored in the keychain earlier, and env: references', async () => {
    const dir = tempDir();
    const withKeychain = await openSafeStorageSecretStore({ safeStorage: fakeSafeStorage(true).safeStorage, dataDir: dir, platform: 'linux' });
    const ref = await withKeychain.write('p', KEY);
    const { safeStorage } = fakeSafeStorage(false);
    const store = await openSafeStorageSecretStore({ safeStorage, dataDir: dir, platform: 'linux' });
    // The keychain is gone now: its key cannot be decrypted, and the store says it has none.
    await expect(store.read(ref)).resolves.toBeUndefined();
    process.env.TALLYCHAT_TEST_KEY_VAR = 'from-env';
    await expect(store.read('env:TALLYCHAT_TEST_KEY_VAR')).resolves.toBe('from-env');
    delete process.env.TALLYCHAT_TEST_KEY_VAR;
  });
});

describe('key storage in browser mode (@napi-rs/keyring)', () => {
  function memoryKeyring(): { entry: KeyringEntryFactory; entries: Map<string, string> } {
    const entries = new Map<string, string>();
    return {
      entries,
      entry: (service, account) => ({
        setPassword: async (password) => void entries.set(`${service}/${account}`, password),
        getPassword: async () => entries.get(`${service}/${account}`) ?? null,
        deleteCredential: async () => entries.delete(`${service}/${account}`),
      }),
    };
  }

  it('keeps keys in the OS keyring, one entry per provider, after a probe that leaves nothing behind', async () => {
    const dir = tempDir();
    const { entry, entries } = memoryKeyring();
    const store = await openKeyringSecretStore({ dataDir: dir, entry });
    expect(store.canStore).toBe(true);
    expect(store.description).toBe('the system keyring (Secret Service, macOS Keychain or Windows Credential Manager)');
    expect(entries.size).toBe(0);
    const ref = await store.write('prov-1', KEY);
    expect(ref).toBe('keyring:prov-1');
    expect([...entries]).toEqual([['Tallychat/prov-1', KEY]]);
    await expect(store.read(ref)).resolves.toBe(KEY);
    await store.remove(ref);
    expect(entries.size).toBe(0);
  });

  it('falls back to asking for consent when the keyring refuses, naming its error', async () => {
    const failing: KeyringEntryFactory = () => ({
      setPassword: async () => {
        throw new Error('Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided');
      },
      getPassword: async () => null,
      deleteCredential: async () => false,
    });
    const store = await openKeyringSecretStore({ dataDir: tempDir(), entry: failing });
    expect(store.canStore).toBe(false);
    expect(store.weakerScheme?.reason).toBe(
      'This system offers no keyring Tallychat can use (Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided).',
    );
    await expect(store.write('p', KEY)).rejects.toThrow(WeakerSchemeConsentError);
  });
});
