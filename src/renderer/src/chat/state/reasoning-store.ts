import { create } from 'zustand';
import type { ReasoningChoice, ReasoningControl } from '../../../../shared/reasoning';

/** A new chat has no id yet; its choice moves to the conversation once it is created. */
const NEW_CHAT = '';
const STORAGE_KEY = 'tallychat.chat.reasoning';

interface ReasoningState {
  /** The thinking chosen in each conversation, by conversation id. */
  choices: Record<string, ReasoningChoice>;
  choose(conversationId: string | null, choice: ReasoningChoice | null): void;
  /** A new chat became a conversation: it keeps the thinking it was sent with. */
  adopt(conversationId: string): void;
}

function saved(): Record<string, ReasoningChoice> {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, ReasoningChoice>) : {};
  } catch {
    // A hand-edited value: start with no choices rather than fail the composer.
    return {};
  }
}

function persist(choices: Record<string, ReasoningChoice>): void {
  const { [NEW_CHAT]: _new, ...kept } = choices;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
}

/** The composer's thinking control, remembered per conversation across restarts of the window. */
export const useReasoning = create<ReasoningState>((set, get) => ({
  choices: saved(),
  choose: (conversationId, choice) => {
    const key = conversationId ?? NEW_CHAT;
    const { [key]: _old, ...rest } = get().choices;
    const choices = choice ? { ...rest, [key]: choice } : rest;
    persist(choices);
    set({ choices });
  },
  adopt: (conversationId) => {
    const fresh = get().choices[NEW_CHAT];
    if (!fresh) return;
    get().choose(NEW_CHAT, null);
    get().choose(conversationId, fresh);
  },
}));

/**
 * The choice that applies to a model: a conversation's remembered choice is dropped when the model
 * was switched to one that does not take it (the core would refuse it).
 */
export function applicableChoice(choice: ReasoningChoice | undefined, control: ReasoningControl | undefined): ReasoningChoice | undefined {
  if (!choice || !control) return undefined;
  if (control.type === 'effort' && choice.effort !== undefined && control.efforts.includes(choice.effort)) return choice;
  if (
    control.type === 'budget' &&
    choice.thinkingBudget !== undefined &&
    choice.thinkingBudget >= control.minBudget &&
    choice.thinkingBudget <= control.maxBudget
  ) {
    return choice;
  }
  return undefined;
}

export const choiceKey = (conversationId: string | null): string => conversationId ?? NEW_CHAT;

export function reasoningFor(conversationId: string | null, control: ReasoningControl | undefined): ReasoningChoice | undefined {
  return applicableChoice(useReasoning.getState().choices[conversationId ?? NEW_CHAT], control);
}
