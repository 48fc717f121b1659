import type { ReportDb } from './report-db';

/**
 * The request log's text search as one SQL condition on `requests r`: the conversation's title
 * or any of its messages, the row's error, provider name, model or id. Every part is answered by
 * an index, never by reading each ledger row: titles and errors by their trigram FTS5 indexes
 * (any substring of three characters or more, case-insensitive, as LIKE '%…%' matched), message
 * text by its word index (every word, the last one as a prefix), providers and models by
 * matching their few names here, ids by prefix on the primary key. Shorter texts than a trigram
 * fall back to LIKE on titles (one row per conversation) and errors.
 */
export function textSearchSql(
  db: ReportDb,
  text: string,
  providerName: (id: string) => string,
): { sql: string; params: Record<string, unknown> } {
  const needle = text.toLowerCase();
  const parts: string[] = [];
  const params: Record<string, unknown> = {
    providerIds: JSON.stringify(providerIds(db).filter((id) => providerName(id).toLowerCase().includes(needle) || id.toLowerCase().includes(needle))),
    models: JSON.stringify(models(db).filter((model) => model.toLowerCase().includes(needle))),
    idFrom: text,
    idTo: `${text}\u{10FFFF}`,
  };
  parts.push('r.provider_id IN (SELECT value FROM json_each(@providerIds))', 'r.model IN (SELECT value FROM json_each(@models))', '(r.id >= @idFrom AND r.id < @idTo)');
  if ([...text].length >= 3) {
    params.phrase = `"${text.replaceAll('"', '""')}"`;
    parts.push(
      'r.conversation_id IN (SELECT c.id FROM conversations c WHERE c.rowid IN (SELECT rowid FROM conversations_search WHERE conversations_search MATCH @phrase))',
      'r.rowid IN (SELECT rowid FROM requests_error_search WHERE requests_error_search MATCH @phrase)',
    );
  } else {
    params.pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    parts.push(
      "r.conversation_id IN (SELECT c.id FROM conversations c WHERE c.title LIKE @pattern ESCAPE '\\')",
      "r.error LIKE @pattern ESCAPE '\\'",
    );
  }
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (words) {
    params.words = words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
    parts.push('r.conversation_id IN (SELECT m.conversation_id FROM messages m WHERE m.rowid IN (SELECT rowid FROM messages_search WHERE messages_search MATCH @words))');
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** Providers that have rows (the rollup has every final row's) or are configured. */
function providerIds(db: ReportDb): string[] {
  return db
    .prepare<{ id: string }>("SELECT DISTINCT provider_id AS id FROM usage_daily_rollup UNION SELECT provider_id FROM requests WHERE status IN ('pending', 'streaming') UNION SELECT id FROM providers")
    .all()
    .map((row) => row.id);
}

function models(db: ReportDb): string[] {
  return db
    .prepare<{ model: string }>("SELECT DISTINCT model FROM usage_daily_rollup UNION SELECT model FROM requests WHERE status IN ('pending', 'streaming')")
    .all()
    .map((row) => row.model);
}
