/**
 * One way to keep a key per provider. A SecretStore chooses among vaults (OS keychain, or the
 * weaker local scheme with consent); the reference saved in the database names the vault's
 * scheme, so a key is always read back by the vault that wrote it.
 */
export interface KeyVault {
  /** The reference prefix: "safe-storage", "keyring", "local-file". */
  readonly scheme: string;
  /** What Settings shows: where the keys are. */
  readonly description: string;
  put(providerId: string, secret: string): Promise<void>;
  get(providerId: string): Promise<string | undefined>;
  delete(providerId: string): Promise<void>;
}

export function keyRef(scheme: string, providerId: string): string {
  return `${scheme}:${providerId}`;
}

/** "safe-storage:openai" → { scheme: "safe-storage", providerId: "openai" }. */
export function parseKeyRef(ref: string): { scheme: string; providerId: string } | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return undefined;
  return { scheme: ref.slice(0, colon), providerId: ref.slice(colon + 1) };
}
