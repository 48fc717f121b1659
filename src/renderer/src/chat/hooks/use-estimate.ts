import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EstimateView } from '../../../../shared/contract/chat-contract';
import type { ReasoningChoice } from '../../../../shared/reasoning';
import { estimateQuery, messageOf, type EstimateInput } from '../../api/server-state';
import type { ModelTarget } from '../state/models-store';

export const ESTIMATE_DEBOUNCE_MS = 250;

export interface EstimateState {
  estimate: EstimateView | null;
  error: string | null;
}

export interface EstimateRequest {
  text: string;
  target: ModelTarget | null;
  conversationId: string | null;
  reasoning: ReasoningChoice | undefined;
  /** The staged files: they are estimated (and shown on their chips) before any text is typed. */
  attachmentIds: readonly string[];
  webSearch: boolean;
}

const NO_INPUT: EstimateInput = { providerId: '', model: '', text: '', conversationId: null, attachmentIds: [], webSearch: false };

/**
 * The pre-flight estimate for the message being composed, read from main ~250 ms after typing pauses;
 * read again whenever the month's spend moves (the event subscriber invalidates it).
 */
export function useEstimate({ text, target, conversationId, reasoning, attachmentIds, webSearch }: EstimateRequest): EstimateState {
  const [input, setInput] = useState<EstimateInput | null>(null);
  const providerId = target?.providerId;
  const model = target?.model;
  // A new array on every render must not restart the debounce: the ids themselves are the dependency.
  const ids = attachmentIds.join('\n');

  useEffect(() => {
    if ((!text.trim() && !ids) || !providerId || !model) {
      setInput(null);
      return;
    }
    const timer = setTimeout(
      () => setInput({ providerId, model, text, conversationId, reasoning, attachmentIds: ids ? ids.split('\n') : [], webSearch }),
      ESTIMATE_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, providerId, model, conversationId, reasoning, ids, webSearch]);

  const query = useQuery({
    ...estimateQuery(input ?? NO_INPUT),
    enabled: input !== null,
    // The last figures stay while the next text's are read, as before the cache.
    placeholderData: keepPreviousData,
  });
  if (input === null) return { estimate: null, error: null };
  if (query.error) return { estimate: null, error: `No estimate: ${messageOf(query.error)}` };
  return { estimate: query.data ?? null, error: null };
}
