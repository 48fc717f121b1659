import type { SecretStore } from '../../src/main/core/secrets/secret-store';

/** A secret store held in memory, for tests that configure providers with keys. */
export class MemorySecretStore implements SecretStore {
  readonly description = 'test memory store';
  readonly canStore = true;
  readonly secrets = new Map<string, string>();

  async read(ref: string): Promise<string | undefined> {
    return this.secrets.get(ref);
  }

  async write(providerId: string, secret: string): Promise<string> {
    const ref = `memory:${providerId}`;
    this.secrets.set(ref, secret);
    return ref;
  }

  async remove(ref: string): Promise<void> {
    this.secrets.delete(ref);
  }
}
