import { z } from 'zod';
import type { AnswerSource } from '../../../shared/answer-source';

const storedSourcesSchema = z.array(
  z.object({ url: z.string(), title: z.string().optional(), date: z.string().optional() }).strip(),
);

/**
 * A message's sources as the ledger's finalize wrote them. A column that does not read as that
 * list (a hand-edited database) fails loudly: showing no sources would hide what the answer cited.
 */
export function storedSources(json: string | null): AnswerSource[] {
  if (json === null) return [];
  const parsed = storedSourcesSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`A message's stored sources are not a list of links: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  return parsed.data.map((s) => ({ url: s.url, ...(s.title !== undefined ? { title: s.title } : {}), ...(s.date !== undefined ? { date: s.date } : {}) }));
}
