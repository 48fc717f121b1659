import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';
import type { RequestLedger } from '../ledger/request-ledger';
import type { OpenRequestInput } from '../ledger/ledger-types';
import { monthRangeAt } from '../time/zoned-calendar';
import type { BudgetStore } from './budget-store';
import { capStatus, describeRefusal, wouldExceed, wouldWarn, type CapStatus, type ProviderNames } from './cap-status';

export interface PreflightInput {
  request: OpenRequestInput;
  /** The estimated cost (prompt + expected output); null when the model's price is unknown. */
  estimate: Nanodollars | null;
  timeZone: string;
  allowOverCap: boolean;
  /** Writes that must commit with the pending row (the user's message), or not at all. */
  alsoInTransaction?: () => void;
  /** The request would create its conversation: a refused one then belongs to none. */
  createsConversation?: boolean;
}

export type PreflightResult =
  | { allowed: true; caps: CapStatus[]; warnings: CapStatus[] }
  | { allowed: false; caps: CapStatus[]; blockingCap: CapStatus; message: string };

/**
 * Checks every cap that applies and inserts the ledger row in one BEGIN IMMEDIATE transaction:
 * the write lock is taken before the sums are read, so two requests (in this process or another
 * one on the same file) cannot both pass on the same remaining room.
 */
export function runPreflight(
  sqlite: Database.Database,
  budgets: BudgetStore,
  ledger: RequestLedger,
  providerName: ProviderNames,
  input: PreflightInput,
): PreflightResult {
  return sqlite
    .transaction((): PreflightResult => {
      const month = monthRangeAt(input.request.startedAt, input.timeZone);
      const caps = budgets
        .applicableTo(input.request.providerId, input.request.model)
        .map((budget) => capStatus(sqlite, budget, month, providerName));
      const over = caps.filter((cap) => wouldExceed(cap, input.estimate)).sort((a, b) => a.remaining - b.remaining);
      const blockingCap = over[0];
      if (blockingCap && !input.allowOverCap) {
        const message = describeRefusal(blockingCap, input.estimate);
        ledger.refuse(
          { ...input.request, userMessageId: null, conversationId: input.createsConversation ? null : input.request.conversationId },
          message,
        );
        return { allowed: false, caps, blockingCap, message };
      }
      input.alsoInTransaction?.();
      ledger.open({ ...input.request, reservation: input.estimate ?? nanodollars(0) });
      const warnings = caps.filter((cap) => wouldWarn(cap, input.estimate));
      return { allowed: true, caps, warnings };
    })
    .immediate();
}
