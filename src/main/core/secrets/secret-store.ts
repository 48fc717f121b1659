/**
 * Where API keys live. The database holds only a reference ("env:OPENAI_API_KEY",
 * "safe-storage:<provider id>", "keyring:<provider id>"); the key itself stays in the OS keychain
 * or the environment and in the main process's memory, never in the renderer, a log or the ledger.
 */
export interface SecretStore {
  /** Shown in Settings so people know where their keys are kept. */
  readonly description: string;
  /** False where keys can only come from the environment (the CLI). */
  readonly canStore: boolean;
  read(ref: string): Promise<string | undefined>;
  /** Stores a key for a provider and returns its reference. */
  write(providerId: string, secret: string): Promise<string>;
  remove(ref: string): Promise<void>;
  /**
   * Present only where no OS keychain can hold keys: then a key is stored with a weaker scheme,
   * and only after the user said yes to it (never silently in plain text).
   */
  readonly weakerScheme?: WeakerSchemeNotice | undefined;
  acceptWeakerScheme?(): Promise<void>;
}

export interface WeakerSchemeNotice {
  /** Why the OS keychain cannot be used, in words a user can act on. */
  reason: string;
  /** What the weaker scheme is, and what it does not protect against. */
  scheme: string;
  accepted: boolean;
}

export class SecretStoreError extends Error {}

/** Storing a key needs the user's consent to the weaker scheme first. */
export class WeakerSchemeConsentError extends SecretStoreError {}

/** Keys from environment variables only: the CLI reads them and never writes one. */
export class EnvironmentSecretStore implements SecretStore {
  readonly description = 'environment variables (read only)';
  readonly canStore = false;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async read(ref: string): Promise<string | undefined> {
    if (!ref.startsWith('env:')) return undefined;
    const value = this.env[ref.slice(4)];
    return value ? value : undefined;
  }

  async write(): Promise<string> {
    throw new SecretStoreError('This Tallychat host reads keys from environment variables and does not store them.');
  }

  async remove(): Promise<void> {}
}
