import type { KeyFile } from './key-file';
import { keyRef, parseKeyRef, type KeyVault } from './key-vault';
import { EnvironmentSecretStore, WeakerSchemeConsentError, type SecretStore, type WeakerSchemeNotice } from './secret-store';

export interface ConsentingSecretStoreOptions {
  /** The OS keychain, when this machine has one; undefined when it does not. */
  keychain: KeyVault | undefined;
  /** Why there is no keychain (shown to the user); ignored when there is one. */
  noKeychainReason: string;
  /** The weaker scheme, used only after the user agreed to it. */
  weaker: KeyVault;
  /** Where the consent is remembered. */
  keyFile: KeyFile;
  clock?: () => number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Keys go to the OS keychain when there is one. Where there is none, nothing is stored until
 * the user accepts the weaker scheme (never silently, never in plain text). Keys written earlier
 * by either vault, and `env:NAME` references, stay readable.
 */
export class ConsentingSecretStore implements SecretStore {
  private readonly environment: EnvironmentSecretStore;
  private readonly clock: () => number;

  constructor(private readonly options: ConsentingSecretStoreOptions) {
    this.environment = new EnvironmentSecretStore(options.env);
    this.clock = options.clock ?? Date.now;
  }

  get description(): string {
    if (this.options.keychain) return this.options.keychain.description;
    if (this.accepted()) return `${this.options.weaker.description} — no OS keychain; you accepted this weaker scheme`;
    return `no OS keychain available; keys are not stored until you accept a weaker scheme`;
  }

  get canStore(): boolean {
    return this.options.keychain !== undefined || this.accepted();
  }

  get weakerScheme(): WeakerSchemeNotice | undefined {
    if (this.options.keychain) return undefined;
    return {
      reason: this.options.noKeychainReason,
      scheme:
        'Keys would be encrypted in a file in your data folder with a random key kept beside it. ' +
        'That keeps them out of plain sight, but anyone who can read your files (another program running as you, a backup of your home folder) can recover them.',
      accepted: this.accepted(),
    };
  }

  async acceptWeakerScheme(): Promise<void> {
    if (this.options.keychain || this.accepted()) return;
    this.options.keyFile.update((data) => {
      data.weakerSchemeAcceptedAt = this.clock();
    });
  }

  async read(ref: string): Promise<string | undefined> {
    if (ref.startsWith('env:')) return this.environment.read(ref);
    const parsed = parseKeyRef(ref);
    const vault = parsed && this.vaultFor(parsed.scheme);
    return vault ? vault.get(parsed.providerId) : undefined;
  }

  async write(providerId: string, secret: string): Promise<string> {
    const vault = this.options.keychain ?? (this.accepted() ? this.options.weaker : undefined);
    if (!vault) {
      throw new WeakerSchemeConsentError(
        `${this.options.noKeychainReason} Tallychat stores no key until you accept the weaker scheme in Settings → Providers.`,
      );
    }
    await vault.put(providerId, secret);
    return keyRef(vault.scheme, providerId);
  }

  async remove(ref: string): Promise<void> {
    const parsed = parseKeyRef(ref);
    const vault = parsed && this.vaultFor(parsed.scheme);
    if (vault) await vault.delete(parsed.providerId);
  }

  private vaultFor(scheme: string): KeyVault | undefined {
    return [this.options.keychain, this.options.weaker].find((vault) => vault?.scheme === scheme);
  }

  private accepted(): boolean {
    return this.options.keyFile.read().weakerSchemeAcceptedAt !== null;
  }
}
