import { AppError } from '../../../shared/contract/ipc-result';
import type { ProviderSettingsView } from '../../../shared/contract/settings-contract';
import type { listModels as listModelsFn } from '../providers/call-provider';
import { ProviderError } from '../providers/provider-error';
import type { ProviderKind, WireApi } from '../providers/provider-types';
import { SecretStoreError, type SecretStore } from '../secrets/secret-store';
import { checkBaseUrl } from './base-url-check';
import { PROVIDER_DEFAULTS } from './provider-defaults';
import type { ProviderResolver } from './provider-resolver';
import type { ModelSettings, ProviderConfig, ProviderStore } from './provider-store';
import { speaksTwoApis, wireApiFor } from './wire-api-choice';

export interface ProviderSettingsDeps {
  providers: ProviderStore;
  resolver: ProviderResolver;
  secrets: SecretStore;
  listModels: typeof listModelsFn;
  clock: () => number;
  newId: () => string;
  /** What else holds secrets or settings of a provider (the bill check's admin key): told when the provider goes. */
  onRemoved?: (providerId: string) => Promise<unknown>;
}

export interface NewProvider {
  kind: ProviderKind;
  name?: string | undefined;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
}

export interface ProviderChanges {
  id: string;
  name?: string | undefined;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  removeKey?: true | undefined;
}

/** Shorter keys show no characters at all: four of eight would give half the key away. */
const MIN_KEY_CHARS_FOR_LAST4 = 12;
/** "Test connection" is a person waiting on a button: fail in seconds, and do not retry. */
const TEST_CALL = { maxRetries: 0, connectTimeoutMs: 10_000, idleTimeoutMs: 15_000 };

/**
 * Add, edit and remove providers. The key is write-only: it goes to the secret store and only
 * its last four characters are ever shown again; it never appears in a view, an error or a log.
 */
export class ProviderSettings {
  constructor(private readonly deps: ProviderSettingsDeps) {}

  list(): ProviderSettingsView[] {
    return this.deps.providers.list().map(toView);
  }

  async add(input: NewProvider): Promise<ProviderSettingsView> {
    const defaults = PROVIDER_DEFAULTS[input.kind];
    const baseUrl = validUrl(input.baseUrl ?? defaults.baseUrl);
    const now = this.deps.clock();
    const id = this.deps.newId();
    const key = input.apiKey ? await this.storeKey(id, input.apiKey) : { keyRef: null, keyLast4: null };
    const config: ProviderConfig = {
      id,
      kind: input.kind,
      name: input.name ?? defaults.displayName,
      baseUrl,
      ...key,
      enabledModels: [],
      modelSettings: {},
      createdAt: now,
      updatedAt: now,
    };
    try {
      this.deps.providers.save(config);
    } catch (error) {
      if (key.keyRef) await this.deps.secrets.remove(key.keyRef);
      throw error;
    }
    return toView(config);
  }

  async update(changes: ProviderChanges): Promise<ProviderSettingsView> {
    const current = this.get(changes.id);
    if (changes.apiKey && changes.removeKey) throw new AppError('invalid_request', 'Give a new key or remove the key, not both.');
    const next: ProviderConfig = {
      ...current,
      name: changes.name ?? current.name,
      baseUrl: changes.baseUrl === undefined ? current.baseUrl : validUrl(changes.baseUrl),
      updatedAt: this.deps.clock(),
    };
    if (changes.apiKey) Object.assign(next, await this.storeKey(current.id, changes.apiKey));
    if (changes.removeKey) Object.assign(next, { keyRef: null, keyLast4: null });
    this.deps.providers.save(next);
    // The old key goes only once the new config no longer points at it.
    if (current.keyRef && current.keyRef !== next.keyRef) await this.deps.secrets.remove(current.keyRef);
    return toView(next);
  }

  async remove(id: string): Promise<boolean> {
    const current = this.deps.providers.get(id);
    if (!current) return false;
    this.deps.providers.delete(id);
    if (current.keyRef) await this.deps.secrets.remove(current.keyRef);
    await this.deps.onRemoved?.(id);
    return true;
  }

  /** The endpoint's model list, fetched with the stored key: proof the URL and the key work. */
  async test(id: string): Promise<string[]> {
    this.get(id);
    const provider = await this.deps.resolver.resolve(id);
    try {
      return await this.deps.listModels(provider.endpoint, TEST_CALL);
    } catch (error) {
      // ProviderError messages are built to be shown and have the key redacted already.
      if (error instanceof ProviderError) throw new AppError('provider_error', error.message, error.retryable);
      throw error;
    }
  }

  setModels(id: string, models: string[]): ProviderSettingsView {
    const current = this.get(id);
    const enabledModels = [...new Set(models.map((m) => m.trim()).filter(Boolean))];
    const modelSettings = Object.fromEntries(
      Object.entries(current.modelSettings).filter(([model]) => enabledModels.includes(model)),
    );
    return this.save({ ...current, enabledModels, modelSettings });
  }

  /** `api` omitted keeps the model's API choice as it is; null goes back to the model's default. */
  setModelDefaults(
    id: string,
    model: string,
    maxOutputTokens: number | null,
    temperature: number | null,
    api?: WireApi | null,
  ): ProviderSettingsView {
    const current = this.get(id);
    if (!current.enabledModels.includes(model)) {
      throw new AppError('not_found', `${model} is not enabled for ${current.name}. Enable it first.`);
    }
    if (api && !speaksTwoApis(current.kind)) {
      throw new AppError('invalid_request', `${current.name} has one API; only OpenAI-style providers choose between Chat Completions and Responses.`);
    }
    const keptApi = api === undefined ? current.modelSettings[model]?.api : (api ?? undefined);
    const settings: ModelSettings = {
      ...(maxOutputTokens !== null ? { maxOutputTokens } : {}),
      ...(temperature !== null ? { temperature } : {}),
      ...(keptApi !== undefined ? { api: keptApi } : {}),
    };
    const modelSettings = { ...current.modelSettings };
    if (Object.keys(settings).length) modelSettings[model] = settings;
    else delete modelSettings[model];
    return this.save({ ...current, modelSettings });
  }

  private save(config: ProviderConfig): ProviderSettingsView {
    const next = { ...config, updatedAt: this.deps.clock() };
    this.deps.providers.save(next);
    return toView(next);
  }

  private get(id: string): ProviderConfig {
    const config = this.deps.providers.get(id);
    if (!config) throw new AppError('not_found', 'That provider no longer exists.');
    return config;
  }

  private async storeKey(providerId: string, apiKey: string): Promise<{ keyRef: string; keyLast4: string | null }> {
    try {
      const keyRef = await this.deps.secrets.write(providerId, apiKey);
      return { keyRef, keyLast4: apiKey.length >= MIN_KEY_CHARS_FOR_LAST4 ? apiKey.slice(-4) : null };
    } catch (error) {
      // A keychain's own error text never includes the key; it says why the keychain refused.
      if (error instanceof SecretStoreError) throw new AppError('forbidden', error.message);
      throw new AppError('internal', `The key could not be stored in ${this.deps.secrets.description}: ${describe(error)}`);
    }
  }
}

function validUrl(text: string | undefined): string {
  if (text === undefined) throw new AppError('invalid_request', 'This kind of provider needs a base URL.');
  const check = checkBaseUrl(text);
  if (!check.ok) throw new AppError('invalid_request', check.error);
  return check.url;
}

function toView(config: ProviderConfig): ProviderSettingsView {
  const check = checkBaseUrl(config.baseUrl);
  return {
    id: config.id,
    kind: config.kind,
    name: config.name,
    baseUrl: config.baseUrl,
    keyStored: config.keyRef !== null,
    keyLast4: config.keyLast4,
    needsKey: PROVIDER_DEFAULTS[config.kind].needsKey,
    urlWarning: check.ok ? check.warning : check.error,
    models: config.enabledModels.map((model) => ({
      model,
      maxOutputTokens: config.modelSettings[model]?.maxOutputTokens ?? null,
      temperature: config.modelSettings[model]?.temperature ?? null,
      api: speaksTwoApis(config.kind)
        ? { api: wireApiFor(config.kind, model, config.modelSettings[model]), chosen: config.modelSettings[model]?.api !== undefined }
        : null,
    })),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
