import { afterEach, describe, expect, it } from 'vitest';
import { localKeyStorage } from '../../src/main/core/secrets/key-files';
import { ConsentingSecretStore } from '../../src/main/core/secrets/consenting-secret-store';
import { PROVIDER_KINDS } from '../../src/main/core/provider-config/provider-defaults';
import { PROVIDER_KIND_VALUES } from '../../src/shared/contract/settings-contract';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { openSettingsFixture, type SettingsFixture } from './settings-fixture';

const KEY = 'sk-proj-SETTINGS-abcdefghijklmnop-WXYZ';
let fixture: SettingsFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('providers in Settings', () => {
  it('offers every provider kind the core knows, with its default URL', async () => {
    fixture = await openSettingsFixture();
    expect(PROVIDER_KINDS).toEqual(PROVIDER_KIND_VALUES);
    const kinds = await fixture.ok('settingsProviderKinds', {});
    expect(kinds.map((k) => [k.kind, k.defaultBaseUrl, k.needsKey])).toEqual([
      ['openai', 'https://api.openai.com/v1', true],
      ['anthropic', 'https://api.anthropic.com', true],
      ['gemini', 'https://generativelanguage.googleapis.com', true],
      ['openrouter', 'https://openrouter.ai/api/v1', true],
      ['xai', 'https://api.x.ai/v1', true],
      ['mistral', 'https://api.mistral.ai/v1', true],
      ['perplexity', 'https://api.perplexity.ai', true],
      ['ollama', 'http://127.0.0.1:11434', false],
      ['openai-compatible', null, false],
    ]);
  });

  it('keeps the key write-only: stored in the secret store, only its last four characters come back', async () => {
    const secrets = new MemorySecretStore();
    fixture = await openSettingsFixture({ secrets });
    const added = await fixture.ok('settingsProviderAdd', { kind: 'openai', name: 'Work OpenAI', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: KEY });
    expect(added).toEqual({
      id: added.id,
      kind: 'openai',
      name: 'Work OpenAI',
      baseUrl: `${fixture.fake.baseUrl}/v1`,
      keyStored: true,
      keyLast4: 'WXYZ',
      needsKey: true,
      urlWarning: null,
      models: [],
    });
    expect([...secrets.secrets.values()]).toEqual([KEY]);
    const listed = await fixture.ok('settingsProviders', {});
    expect(JSON.stringify(listed)).not.toContain(KEY.slice(0, -4));
    const row = fixture.core.store.sqlite.prepare('SELECT * FROM providers').get();
    expect(JSON.stringify(row)).not.toContain(KEY.slice(0, -4));
  });

  it('lists the endpoint\'s models with the stored key when testing the connection', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'openai', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: KEY });
    fixture.fake.enqueue({ endpoint: 'models', expectApiKey: KEY });
    await expect(fixture.ok('settingsProviderTest', { id })).resolves.toEqual({ models: ['gpt-4o-mini', 'gpt-4o', 'o4-mini'] });
    expect(fixture.fake.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([`GET /v1/models Bearer ${KEY}`]);
  });

  it('shows a rejected key as a provider error that does not contain the key', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'openai', name: 'Mine', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: KEY });
    fixture.fake.enqueue({ endpoint: 'models', expectApiKey: 'sk-some-other-key' });
    const result = await fixture.call('settingsProviderTest', { id });
    expect(result).toMatchObject({ ok: false, error: { code: 'provider_error', retryable: false } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toBe('Mine rejected the key (401): Incorrect API key provided: [redacted].');
    expect(message).not.toContain(KEY);
    expect(message).not.toContain(KEY.slice(3, -4));
  });

  it('reports an endpoint that cannot be reached', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'ollama', name: 'Nothing here', baseUrl: 'http://127.0.0.1:9' });
    const result = await fixture.call('settingsProviderTest', { id });
    expect(result).toMatchObject({ ok: false, error: { code: 'provider_error', retryable: true } });
    expect(result.ok ? '' : result.error.message).toMatch(/^Could not reach Nothing here at http:\/\/127\.0\.0\.1:9/);
  });

  it('replaces a key, removes a key, and forgets it with the provider', async () => {
    const secrets = new MemorySecretStore();
    fixture = await openSettingsFixture({ secrets });
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'anthropic', apiKey: KEY });
    const renamed = await fixture.ok('settingsProviderUpdate', { id, name: 'Claude', apiKey: 'sk-ant-NEWKEY-0000000001234' });
    expect([renamed.name, renamed.keyLast4, renamed.baseUrl]).toEqual(['Claude', '1234', 'https://api.anthropic.com']);
    expect([...secrets.secrets.values()]).toEqual(['sk-ant-NEWKEY-0000000001234']);
    const keyless = await fixture.ok('settingsProviderUpdate', { id, removeKey: true });
    expect([keyless.keyStored, keyless.keyLast4]).toEqual([false, null]);
    expect(secrets.secrets.size).toBe(0);
    await fixture.ok('settingsProviderUpdate', { id, apiKey: 'short-key' });
    expect((await fixture.ok('settingsProviders', {}))[0]).toMatchObject({ keyStored: true, keyLast4: null });
    await expect(fixture.ok('settingsProviderRemove', { id })).resolves.toEqual({ removed: true });
    expect(secrets.secrets.size).toBe(0);
    await expect(fixture.ok('settingsProviders', {})).resolves.toEqual([]);
    await expect(fixture.ok('settingsProviderRemove', { id })).resolves.toEqual({ removed: false });
  });

  it('refuses a base URL that is not http(s), and warns about plain http to another machine', async () => {
    fixture = await openSettingsFixture();
    await expect(fixture.call('settingsProviderAdd', { kind: 'openai-compatible', name: 'x', baseUrl: 'file:///etc/passwd' })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Use an http:// or https:// address; file: is not allowed for a provider.', retryable: false },
    });
    await expect(fixture.call('settingsProviderAdd', { kind: 'openai-compatible', name: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'This kind of provider needs a base URL.' },
    });
    const lan = await fixture.ok('settingsProviderAdd', { kind: 'openai-compatible', name: 'vLLM', baseUrl: 'http://gpu-box.lan:8000/v1/' });
    expect([lan.baseUrl, lan.urlWarning]).toEqual([
      'http://gpu-box.lan:8000/v1',
      'This address uses plain http: your API key and messages would travel unencrypted to gpu-box.lan. Use https unless you trust every network in between.',
    ]);
    await expect(fixture.ok('settingsCheckBaseUrl', { baseUrl: 'https://openrouter.ai/api/v1' })).resolves.toEqual({
      ok: true,
      url: 'https://openrouter.ai/api/v1',
      warning: null,
    });
  });

  it('chooses the picker\'s models and their defaults, which the chat then uses', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'openai', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: KEY });
    await fixture.ok('settingsProviderModels', { id, models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini', ' o4-mini '] });
    const tuned = await fixture.ok('settingsModelDefaults', { id, model: 'gpt-4o', maxOutputTokens: 256, temperature: 0.3 });
    expect(tuned.models).toEqual([
      { model: 'gpt-4o-mini', maxOutputTokens: null, temperature: null, api: { api: 'chat', chosen: false } },
      { model: 'gpt-4o', maxOutputTokens: 256, temperature: 0.3, api: { api: 'chat', chosen: false } },
      { model: 'o4-mini', maxOutputTokens: null, temperature: null, api: { api: 'chat', chosen: false } },
    ]);
    expect((await fixture.ok('chatProviders', {}))[0]?.models).toEqual(['gpt-4o-mini', 'gpt-4o', 'o4-mini']);

    const sent = await fixture.core.chat.send({ providerId: id, model: 'gpt-4o', text: 'hello' });
    await sent.done;
    expect(fixture.fake.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o', max_completion_tokens: 256, temperature: 0.3 });

    const trimmed = await fixture.ok('settingsProviderModels', { id, models: ['gpt-4o-mini'] });
    expect(trimmed.models).toEqual([{ model: 'gpt-4o-mini', maxOutputTokens: null, temperature: null, api: { api: 'chat', chosen: false } }]);
    await expect(fixture.call('settingsModelDefaults', { id, model: 'gpt-4o', maxOutputTokens: 1, temperature: null })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'gpt-4o is not enabled for OpenAI. Enable it first.' },
    });
  });

  it('shows and changes the API each OpenAI model is called through; changing its defaults keeps the choice', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'openai', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: KEY });
    const listed = await fixture.ok('settingsProviderModels', { id, models: ['gpt-4o', 'o3-pro'] });
    expect(listed.models.map((m) => [m.model, m.api])).toEqual([
      ['gpt-4o', { api: 'chat', chosen: false }],
      ['o3-pro', { api: 'responses', chosen: false }],
    ]);
    await fixture.ok('settingsModelDefaults', { id, model: 'gpt-4o', maxOutputTokens: null, temperature: null, api: 'responses' });
    const tuned = await fixture.ok('settingsModelDefaults', { id, model: 'gpt-4o', maxOutputTokens: 300, temperature: null });
    expect(tuned.models[0]).toEqual({ model: 'gpt-4o', maxOutputTokens: 300, temperature: null, api: { api: 'responses', chosen: true } });

    await (await fixture.core.chat.send({ providerId: id, model: 'gpt-4o', text: 'hello' })).done;
    expect(fixture.fake.requests.at(-1)).toMatchObject({ path: '/v1/responses', body: { model: 'gpt-4o', max_output_tokens: 300 } });

    const reset = await fixture.ok('settingsModelDefaults', { id, model: 'gpt-4o', maxOutputTokens: 300, temperature: null, api: null });
    expect(reset.models[0]?.api).toEqual({ api: 'chat', chosen: false });
  });

  it('refuses an API choice for a provider with one API, and shows none', async () => {
    fixture = await openSettingsFixture();
    const { id } = await fixture.ok('settingsProviderAdd', { kind: 'anthropic', baseUrl: fixture.fake.baseUrl, apiKey: KEY });
    const listed = await fixture.ok('settingsProviderModels', { id, models: ['claude-sonnet-4-5'] });
    expect(listed.models[0]?.api).toBeNull();
    await expect(fixture.call('settingsModelDefaults', { id, model: 'claude-sonnet-4-5', maxOutputTokens: null, temperature: null, api: 'responses' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'Anthropic has one API; only OpenAI-style providers choose between Chat Completions and Responses.' },
    });
  });

  it('asks for consent before storing a key where there is no keychain', async () => {
    const dataDirForKeys = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/tallychat-consent-`);
    const { keyFile, weaker } = localKeyStorage(dataDirForKeys);
    const secrets = new ConsentingSecretStore({ keychain: undefined, noKeychainReason: 'No keyring here.', weaker, keyFile });
    fixture = await openSettingsFixture({ secrets });
    await expect(fixture.ok('settingsKeyStorage', {})).resolves.toEqual({
      description: 'no OS keychain available; keys are not stored until you accept a weaker scheme',
      canStore: false,
      weakerScheme: { reason: 'No keyring here.', scheme: expect.stringContaining('anyone who can read your files'), accepted: false },
    });
    await expect(fixture.call('settingsProviderAdd', { kind: 'openai', apiKey: KEY })).resolves.toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'No keyring here. Tallychat stores no key until you accept the weaker scheme in Settings → Providers.',
        retryable: false,
      },
    });
    await expect(fixture.ok('settingsProviders', {})).resolves.toEqual([]);
    const accepted = await fixture.ok('settingsAcceptWeakerKeyStorage', { accept: true });
    expect([accepted.canStore, accepted.weakerScheme?.accepted]).toEqual([true, true]);
    const added = await fixture.ok('settingsProviderAdd', { kind: 'openai', apiKey: KEY });
    expect(added.keyLast4).toBe('WXYZ');
    expect(await secrets.read(`local-file:${added.id}`)).toBe(KEY);
  });

  it('says there is nothing to accept where a keychain holds the keys', async () => {
    fixture = await openSettingsFixture();
    await expect(fixture.ok('settingsKeyStorage', {})).resolves.toEqual({ description: 'test memory store', canStore: true, weakerScheme: null });
    await expect(fixture.call('settingsAcceptWeakerKeyStorage', { accept: true })).resolves.toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
