import { AppError } from '../../../shared/contract/ipc-result';
import type { ProviderKind } from '../providers/provider-types';
import { PROVIDER_DEFAULTS, PROVIDER_KINDS, isProviderKind } from './provider-defaults';
import type { ProviderStore } from './provider-store';

/**
 * What a cap or a price can name as its provider: a configured provider, or a provider kind as
 * the CLI runs it ad hoc (its requests are metered under the kind as their provider id).
 */
export interface ProviderTarget {
  providerId: string;
  kind: ProviderKind;
  name: string;
  baseUrl?: string;
}

/** A provider id that is neither configured nor a provider kind: a cap or price on it would never apply. */
export class UnknownProviderError extends AppError {
  constructor(
    readonly providerId: string,
    readonly configured: readonly string[],
  ) {
    super(
      'not_found',
      `Unknown provider "${providerId}": use a configured provider id${configured.length ? ` (${configured.join(', ')})` : ''} or one of ${PROVIDER_KINDS.join(', ')}.`,
    );
    this.name = 'UnknownProviderError';
  }
}

/** The one rule every host applies to a provider named by a cap or a price. */
export function providerTarget(providers: ProviderStore, providerId: string): ProviderTarget {
  const config = providers.get(providerId);
  if (config) return { providerId, kind: config.kind, name: config.name, baseUrl: config.baseUrl };
  if (isProviderKind(providerId)) {
    const defaults = PROVIDER_DEFAULTS[providerId];
    return { providerId, kind: providerId, name: defaults.displayName, ...(defaults.baseUrl ? { baseUrl: defaults.baseUrl } : {}) };
  }
  throw new UnknownProviderError(providerId, providers.list().map((p) => p.id));
}
