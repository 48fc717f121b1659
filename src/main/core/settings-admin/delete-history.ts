import type Database from 'better-sqlite3';
import type { HistoryDeletedView } from '../../../shared/contract/settings-contract';

/**
 * The danger zone: every conversation, message and ledger row (and the rollup and alert notices
 * derived from them) goes; providers, keys, budgets, prices and settings stay. The file is then
 * vacuumed and the WAL truncated, so the deleted text does not linger in free pages.
 */
export function deleteAllHistory(sqlite: Database.Database): HistoryDeletedView {
  const deleted = sqlite
    .transaction(() => {
      const messages = sqlite.prepare('DELETE FROM messages').run().changes;
      const conversations = sqlite.prepare('DELETE FROM conversations').run().changes;
      const requests = sqlite.prepare('DELETE FROM requests').run().changes;
      sqlite.prepare('DELETE FROM usage_daily_rollup').run();
      sqlite.prepare('DELETE FROM budget_alerts').run();
      return { conversations, messages, requests };
    })
    .immediate();
  sqlite.exec('VACUUM');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return deleted;
}
