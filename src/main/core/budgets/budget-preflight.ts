import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';
import type { RequestLedger } from '../ledger/request-ledger';
import type { OpenRequestInput } from '../ledger/ledger-types';
import type { BudgetService } from './budget-service';
import type { CapStatus } from './cap-status';

export interface PreflightInput {
  request: OpenRequestInput;
  /** The estimated cost (prompt + expected output); null when the model's price is unknown. */
  estimate: Nanodollars | null;
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
  budgets: BudgetService,
  ledger: RequestLedger,
  input: PreflightInput,
): PreflightResult {
  return sqlite
    .transaction((): PreflightResult => {
      const { request } = input;
      const decision = budgets.decide(budgets.capsFor(request.providerId, request.model, request.startedAt), input.estimate);
      if (decision.blocking && decision.refusal !== null && !input.allowOverCap) {
        ledger.refuse(
          { ...request, userMessageId: null, conversationId: input.createsConversation ? null : request.conversationId },
          decision.refusal,
        );
        return { allowed: false, caps: decision.caps, blockingCap: decision.blocking, message: decision.refusal };
      }
      input.alsoInTransaction?.();
      ledger.open({ ...request, reservation: input.estimate ?? nanodollars(0) });
      return { allowed: true, caps: decision.caps, warnings: decision.warnings };
    })
    .immediate();
}
