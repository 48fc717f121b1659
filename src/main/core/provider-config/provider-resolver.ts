import { AppError } from '../../../shared/contract/ipc-result';
import type { ResolvedProvider } from '../chat/chat-types';
import type { SecretStore } from '../secrets/secret-store';
import { PROVIDER_DEFAULTS, isProviderKind } from './provider-defaults';
import type { ProviderStore } from './provider-store';

/**
 * Turns a provider id into something callable: a configured provider with its key read from the
 * secret store, or a host-registered ad-hoc one (the CLI's `--provider openai`). The key is read
 * here, in the main process, at the moment of the call.
 */
export class ProviderResolver {
  private readonly adHoc = new Map<string, ResolvedProvider>();

  constructor(
    private readonly providers: ProviderStore,
    private readonly secrets: SecretStore,
  ) {}

  registerAdHoc(provider: ResolvedProvider): void {
    this.adHoc.set(provider.id, provider);
  }

  /**
   * The provider as pre-flight needs it (kind, URL, model defaults), without touching the key:
   * the composer's live estimate runs on every pause in typing, and must not read the keychain.
   */
  describe(providerId: string): ResolvedProvider {
    const adHoc = this.adHoc.get(providerId);
    if (adHoc) {
      const { apiKey: _key, ...endpoint } = adHoc.endpoint;
      return { ...adHoc, endpoint };
    }
    const config = this.providers.get(providerId);
    if (!config) throw new AppError('not_found', `No provider "${providerId}" is configured. Add it in Settings → Providers.`);
    return {
      id: config.id,
      kind: config.kind,
      name: config.name,
      endpoint: { kind: config.kind, displayName: config.name, baseUrl: config.baseUrl },
      modelSettings: config.modelSettings,
    };
  }

  /** The provider ready to call, with its key read from the secret store now. */
  async resolve(providerId: string): Promise<ResolvedProvider> {
    const adHoc = this.adHoc.get(providerId);
    if (adHoc) return adHoc;
    const provider = this.describe(providerId);
    const config = this.providers.get(providerId)!;
    const defaults = PROVIDER_DEFAULTS[config.kind];
    // Without a stored key, the vendor's usual variable (OPENAI_API_KEY…) stands in, as in the CLI.
    const apiKey = config.keyRef
      ? await this.secrets.read(config.keyRef)
      : defaults.keyEnvVar
        ? await this.secrets.read(`env:${defaults.keyEnvVar}`)
        : undefined;
    if (config.keyRef && !apiKey) {
      throw new AppError('not_found', `The API key for ${config.name} is missing from ${this.secrets.description}. Enter it again in Settings → Providers.`);
    }
    if (!apiKey && defaults.needsKey) {
      throw new AppError(
        'invalid_request',
        `${config.name} needs an API key. Add it in Settings → Providers${defaults.keyEnvVar ? `, or set ${defaults.keyEnvVar}` : ''}.`,
      );
    }
    return apiKey ? { ...provider, endpoint: { ...provider.endpoint, apiKey } } : provider;
  }

  /** For messages and cap labels: the provider's name, else its kind's name, else the id. */
  nameOf(providerId: string): string {
    const adHoc = this.adHoc.get(providerId);
    if (adHoc) return adHoc.name;
    const config = this.providers.get(providerId);
    if (config) return config.name;
    return isProviderKind(providerId) ? PROVIDER_DEFAULTS[providerId].displayName : providerId;
  }
}
