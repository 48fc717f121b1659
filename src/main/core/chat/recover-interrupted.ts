import type { PriceOverrideStore } from '../price-overrides/price-override-store';
import { resolvePrice } from '../price-overrides/resolve-price';
import type { PriceCatalog } from '../pricing/price-catalog';
import type { RequestLedger } from '../ledger/request-ledger';
import type { LedgerRow } from '../ledger/ledger-types';
import { isProviderKind } from '../provider-config/provider-defaults';
import type { ProviderKind } from '../providers/provider-types';
import { finalUsage } from './final-usage';
import { priceUsage } from './price-usage';

export interface RecoveryReport {
  interrupted: { requestId: string; model: string; costNanos: number | null; outputTokens: number }[];
  /** Rows still open because the process streaming them is alive (another Tallychat host). */
  stillRunning: number;
}

/** A process that died can be told from one that is running on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At start-up, rows left pending/streaming by a process that died become `interrupted`, with
 * usage estimated from the prompt and the checkpointed text. They count toward spending: the
 * provider most likely billed them. Rows of a live process (the app, the CLI or browser mode
 * sharing this data folder) are left alone.
 */
export function recoverInterrupted(
  ledger: RequestLedger,
  overrides: PriceOverrideStore,
  catalog: PriceCatalog,
  now: number,
  isAlive: (pid: number) => boolean = isProcessAlive,
): RecoveryReport {
  const report: RecoveryReport = { interrupted: [], stillRunning: 0 };
  for (const row of ledger.openRows()) {
    if (row.ownerPid !== null && row.ownerPid !== process.pid && isAlive(row.ownerPid)) {
      report.stillRunning += 1;
      continue;
    }
    const finished = finalizeInterrupted(ledger, overrides, catalog, row, now);
    if (finished) report.interrupted.push(finished);
  }
  return report;
}

function finalizeInterrupted(ledger: RequestLedger, overrides: PriceOverrideStore, catalog: PriceCatalog, row: LedgerRow, now: number) {
  const text = row.partialText ?? '';
  const reasoning = row.partialReasoning ?? '';
  const { usage, source, calls } = finalUsage({
    model: row.model,
    promptTokens: row.estimatedInputTokens ?? 0,
    text,
    reasoning,
    finished: false,
  });
  const kind: ProviderKind = isProviderKind(row.providerKind) ? row.providerKind : 'openai-compatible';
  const price = resolvePrice(overrides, catalog, { providerId: row.providerId, kind, model: row.model, at: row.startedAt });
  const priced = priceUsage(price, usage, calls);
  const changed = ledger.finalize({
    id: row.id,
    status: 'interrupted',
    usage,
    usageSource: source,
    ...(priced.charged ? { prices: priced.charged } : {}),
    ...(priced.fees ? { fees: priced.fees } : {}),
    cost: priced.cost,
    finishedAt: row.checkpointAt ?? row.startedAt,
    durationMs: (row.checkpointAt ?? row.startedAt) - row.startedAt,
    error: 'Tallychat stopped while this answer was streaming; usage is estimated from what was saved.',
    ...(row.conversationId && (text || reasoning)
      ? {
          assistantMessage: {
            id: `${row.id}-recovered`,
            conversationId: row.conversationId,
            content: text,
            reasoningText: reasoning || null,
            status: 'partial' as const,
            createdAt: now,
          },
        }
      : {}),
  });
  return changed ? { requestId: row.id, model: row.model, costNanos: priced.cost, outputTokens: usage.outputTokens } : undefined;
}
