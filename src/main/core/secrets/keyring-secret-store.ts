import { ConsentingSecretStore } from './consenting-secret-store';
import { localKeyStorage } from './key-files';
import type { KeyVault } from './key-vault';

/** One keyring entry, as @napi-rs/keyring's AsyncEntry offers it. */
export interface KeyringEntry {
  setPassword(password: string): Promise<void>;
  getPassword(): Promise<string | null>;
  deleteCredential(): Promise<boolean>;
}
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry;

export const KEYRING_SCHEME = 'keyring';
const SERVICE = 'Tallychat';
const PROBE_ACCOUNT = '__tallychat_probe__';

/** Keys in the OS keyring (Secret Service, macOS Keychain, Windows Credential Manager), one entry per provider. */
export class KeyringVault implements KeyVault {
  readonly scheme = KEYRING_SCHEME;
  readonly description = 'the system keyring (Secret Service, macOS Keychain or Windows Credential Manager)';

  constructor(private readonly entry: KeyringEntryFactory) {}

  async put(providerId: string, secret: string): Promise<void> {
    await this.entry(SERVICE, providerId).setPassword(secret);
  }

  async get(providerId: string): Promise<string | undefined> {
    return (await this.entry(SERVICE, providerId).getPassword()) ?? undefined;
  }

  async delete(providerId: string): Promise<void> {
    await this.entry(SERVICE, providerId).deleteCredential();
  }
}

/** Writes, reads back and deletes a throwaway entry: a keyring that is missing or locked fails here, not on the user's key. */
export async function probeKeyring(entry: KeyringEntryFactory): Promise<string | undefined> {
  const probe = entry(SERVICE, PROBE_ACCOUNT);
  try {
    await probe.setPassword('probe');
    const read = await probe.getPassword();
    await probe.deleteCredential();
    return read === 'probe' ? undefined : 'the system keyring did not return what was written to it';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function napiKeyring(): Promise<KeyringEntryFactory> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  return (service, account) => new AsyncEntry(service, account);
}

/**
 * Browser mode's key store (no Electron, so no safeStorage): the OS keyring through
 * @napi-rs/keyring, or — only with the user's consent — the weaker local scheme.
 */
export async function openKeyringSecretStore(options: { dataDir: string; entry?: KeyringEntryFactory }): Promise<ConsentingSecretStore> {
  const { keyFile, weaker } = localKeyStorage(options.dataDir);
  let entry = options.entry;
  let failure: string | undefined;
  try {
    entry ??= await napiKeyring();
    failure = await probeKeyring(entry);
  } catch (error) {
    failure = `the keyring library could not load (${error instanceof Error ? error.message : String(error)})`;
  }
  return new ConsentingSecretStore({
    keychain: entry && failure === undefined ? new KeyringVault(entry) : undefined,
    noKeychainReason: `This system offers no keyring Tallychat can use (${failure ?? 'unknown reason'}).`,
    weaker,
    keyFile,
  });
}
