import type { z } from 'zod';
import { accountUrl, BillFetchError, getAccountJson } from './account-http';
import type { AccountEndpoint } from './bill-types';

/** A report longer than this many pages is refused rather than read for ever (a vendor's cursor that never ends). */
const MAX_PAGES = 200;

/** The cursor both OpenAI's and Anthropic's reports page with. */
export interface CursorPage {
  has_more: boolean;
  next_page?: string | null | undefined;
}

/** Checks a vendor document against its documented shape; a mismatch is a fetch error, never a silent zero. */
export function parseWire<S extends z.ZodType>(endpoint: AccountEndpoint, what: string, schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new BillFetchError(`${endpoint.displayName}'s ${what} answered in a shape Tallychat does not know${where}: ${issue?.message ?? 'unreadable'}`, null);
}

/** Reads pages while `has_more` says there are more, passing each `next_page` back as the cursor. */
export async function readAllPages<P extends CursorPage>(endpoint: AccountEndpoint, what: string, readPage: (cursor: string | undefined) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await readPage(cursor);
    pages.push(page);
    if (!page.has_more) return pages;
    if (!page.next_page) throw new BillFetchError(`${endpoint.displayName}'s ${what} said more pages follow but gave no next_page cursor.`, null);
    if (pages.length >= MAX_PAGES) throw new BillFetchError(`${endpoint.displayName}'s ${what} went on past ${MAX_PAGES} pages; try a shorter month.`, null);
    cursor = page.next_page;
  }
}

/**
 * Every page of one cursor-paged report (OpenAI's and Anthropic's usage and cost reports): GET
 * `path` with `query` and the cursor as `page`, each answer checked against `schema`.
 */
export function readPagedReport<S extends z.ZodType<CursorPage>>(
  endpoint: AccountEndpoint,
  what: string,
  schema: S,
  path: string,
  query: Parameters<typeof accountUrl>[2],
  headers: Record<string, string>,
): Promise<z.output<S>[]> {
  return readAllPages(endpoint, what, async (page) =>
    parseWire(endpoint, what, schema, await getAccountJson(endpoint, accountUrl(endpoint.baseUrl, path, { ...query, page }), headers, what)),
  );
}

/** A UTC date "YYYY-MM-DD" of an instant: every vendor here buckets by UTC day. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
