import { SecretStoreError, type SecretStore, type WeakerSchemeNotice } from '../core/secrets/secret-store';
import type { SecretAnswer, SecretRequest, SecretStoreFacts } from './core-protocol';

export type AskMain = (request: SecretRequest) => Promise<SecretAnswer>;

/**
 * The core process's key store: every operation is a request to main, which holds safeStorage and
 * decrypts a key only when a call needs it. The core keeps no key between calls; what it may show
 * (where keys are kept, whether storing needs consent) comes with each answer.
 */
export class RelayedSecretStore implements SecretStore {
  readonly acceptWeakerScheme?: () => Promise<void>;

  constructor(
    private facts: SecretStoreFacts,
    private readonly ask: AskMain,
  ) {
    if (facts.canAcceptWeakerScheme) this.acceptWeakerScheme = async () => void (await this.request({ op: 'acceptWeakerScheme' }));
  }

  get description(): string {
    return this.facts.description;
  }

  get canStore(): boolean {
    return this.facts.canStore;
  }

  get weakerScheme(): WeakerSchemeNotice | undefined {
    return this.facts.weakerScheme ?? undefined;
  }

  read(ref: string): Promise<string | undefined> {
    return this.request({ op: 'read', ref });
  }

  async write(providerId: string, secret: string): Promise<string> {
    const ref = await this.request({ op: 'write', providerId, secret });
    if (ref === undefined) throw new Error('The key store stored the key but returned no reference.');
    return ref;
  }

  async remove(ref: string): Promise<void> {
    await this.request({ op: 'remove', ref });
  }

  private async request(request: SecretRequest): Promise<string | undefined> {
    const answer = await this.ask(request);
    if (!answer.ok) throw answer.kind === 'refused' ? new SecretStoreError(answer.message) : new Error(answer.message);
    this.facts = answer.facts;
    return answer.value;
  }
}
