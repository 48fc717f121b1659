import { useEffect, useState } from 'react';
import type { EstimateView } from '../../../../shared/contract/chat-contract';
import { call } from '../../api/tallychat-client';
import type { ModelTarget } from '../state/models-store';

export const ESTIMATE_DEBOUNCE_MS = 250;

export interface EstimateState {
  estimate: EstimateView | null;
  error: string | null;
}

/**
 * The pre-flight estimate for the text being typed, read from main ~250 ms after typing pauses
 * (and again when `spendVersion` says the month's spend moved). An answer for older text is dropped.
 */
export function useEstimate(
  text: string,
  target: ModelTarget | null,
  conversationId: string | null,
  spendVersion: number,
): EstimateState {
  const [state, setState] = useState<EstimateState>({ estimate: null, error: null });
  const providerId = target?.providerId;
  const model = target?.model;

  useEffect(() => {
    if (!text.trim() || !providerId || !model) {
      setState({ estimate: null, error: null });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('chatEstimate', { providerId, model, text, ...(conversationId !== null ? { conversationId } : {}) }).then(
        (estimate) => current && setState({ estimate, error: null }),
        (error: unknown) =>
          current && setState({ estimate: null, error: `No estimate: ${error instanceof Error ? error.message : String(error)}` }),
      );
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, providerId, model, conversationId, spendVersion]);

  return state;
}
