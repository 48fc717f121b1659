import { create } from 'zustand';
import type { ProviderChoice } from '../../../../shared/contract/chat-contract';
import { call } from '../../api/tallychat-client';

export interface ModelTarget {
  providerId: string;
  model: string;
}

interface ModelsState {
  providers: ProviderChoice[] | null;
  loadError: string | null;
  selected: ModelTarget | null;
  load(): Promise<void>;
  select(target: ModelTarget): void;
  /** Follows an opened conversation's model when it is still offered. */
  preferConversationModel(providerId: string | null, model: string | null): void;
}

const LAST_USED_KEY = 'tallychat.chat.lastModel';

function offered(providers: ProviderChoice[], target: ModelTarget | null): target is ModelTarget {
  return target !== null && providers.some((p) => p.id === target.providerId && p.models.includes(target.model));
}

function lastUsed(): ModelTarget | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(LAST_USED_KEY) ?? 'null') as Partial<ModelTarget> | null;
    return typeof parsed?.providerId === 'string' && typeof parsed.model === 'string'
      ? { providerId: parsed.providerId, model: parsed.model }
      : null;
  } catch {
    // A hand-edited or foreign value: start from the first offered model instead.
    return null;
  }
}

function firstOffered(providers: ProviderChoice[]): ModelTarget | null {
  const provider = providers.find((p) => p.models.length > 0);
  return provider ? { providerId: provider.id, model: provider.models[0]! } : null;
}

/** The configured providers with their enabled models, and which one the composer sends to. */
export const useModels = create<ModelsState>((set, get) => ({
  providers: null,
  loadError: null,
  selected: null,

  load: async () => {
    try {
      const providers = await call('chatProviders', {});
      const current = get().selected;
      const saved = lastUsed();
      const selected = offered(providers, current) ? current : offered(providers, saved) ? saved : firstOffered(providers);
      set({ providers, selected, loadError: null });
    } catch (error) {
      set({ loadError: `Could not load the providers: ${error instanceof Error ? error.message : String(error)}` });
    }
  },

  select: (target) => {
    localStorage.setItem(LAST_USED_KEY, JSON.stringify(target));
    set({ selected: target });
  },

  preferConversationModel: (providerId, model) => {
    const providers = get().providers;
    if (providers && providerId && model && offered(providers, { providerId, model })) set({ selected: { providerId, model } });
  },
}));
