import { SecretStoreError, type SecretStore } from '../core/secrets/secret-store';
import type { SecretAnswer, SecretRequest, SecretStoreFacts } from './core-protocol';

export function secretStoreFacts(store: SecretStore): SecretStoreFacts {
  return {
    description: store.description,
    canStore: store.canStore,
    weakerScheme: store.weakerScheme ?? null,
    canAcceptWeakerScheme: store.acceptWeakerScheme !== undefined,
  };
}

/** Main's side of the key store: does what the core asked, with the real store, and says how it went. */
export async function answerSecretRequest(store: SecretStore, request: SecretRequest): Promise<SecretAnswer> {
  try {
    const value = await perform(store, request);
    return { ok: true, value, facts: secretStoreFacts(store) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: error instanceof SecretStoreError ? 'refused' : 'failed', message };
  }
}

async function perform(store: SecretStore, request: SecretRequest): Promise<string | undefined> {
  switch (request.op) {
    case 'read':
      return store.read(request.ref);
    case 'write':
      return store.write(request.providerId, request.secret);
    case 'remove':
      await store.remove(request.ref);
      return undefined;
    case 'acceptWeakerScheme':
      if (!store.acceptWeakerScheme) throw new SecretStoreError(`Keys are kept in ${store.description}; there is nothing to accept.`);
      await store.acceptWeakerScheme();
      return undefined;
  }
}
