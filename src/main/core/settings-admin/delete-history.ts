import type Database from 'better-sqlite3';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { HistoryDeletedView } from '../../../shared/contract/settings-contract';

/**
 * What is derived from the history and goes with it: the rollups and their zone (the next row
 * records a zone again), alert notices, and the stored token counts, which are keyed by hashes of
 * the deleted texts, and the generation costs the bill check looked up for deleted rows.
 */
const DERIVED_TABLES = ['usage_daily_rollup', 'usage_conversation_rollup', 'usage_conversation_totals', 'usage_rollup_zone', 'token_counts', 'budget_alerts', 'spend_anomaly_alerts', 'bill_generation_costs'];

/**
 * The danger zone: every conversation, message and ledger row, and all that is derived from them,
 * goes, the files sent with messages too; providers, keys, budgets, prices and settings stay. The
 * file is then vacuumed and the WAL truncated, so the deleted text does not linger in free pages.
 */
export function deleteAllHistory(sqlite: Database.Database, attachments: Pick<AttachmentStore, 'sweepOrphans'>): HistoryDeletedView {
  const deleted = sqlite
    .transaction(() => {
      const messages = sqlite.prepare('DELETE FROM messages').run().changes;
      const conversations = sqlite.prepare('DELETE FROM conversations').run().changes;
      const requests = sqlite.prepare('DELETE FROM requests').run().changes;
      for (const table of DERIVED_TABLES) sqlite.prepare(`DELETE FROM ${table}`).run();
      return { conversations, messages, requests };
    })
    .immediate();
  // The rows went with their messages; with none left, every sent file is an orphan now.
  attachments.sweepOrphans({ graceMs: 0 });
  sqlite.exec('VACUUM');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return deleted;
}
