import type { AnswerSource } from '../../../shared/answer-source';

/**
 * The sources of one answer as a vendor reveals them, piece by piece: each URL once, in the order
 * first seen. A later mention may fill in a title or date the first one lacked.
 */
export class SourceList {
  private readonly byUrl = new Map<string, AnswerSource>();

  /** True when the list changed (a new URL, or a title or date filled in). */
  add(url: string | undefined, title?: string, date?: string): boolean {
    if (!url) return false;
    const known = this.byUrl.get(url);
    if (!known) {
      this.byUrl.set(url, { url, ...(title ? { title } : {}), ...(date ? { date } : {}) });
      return true;
    }
    let changed = false;
    if (title && known.title === undefined) {
      known.title = title;
      changed = true;
    }
    if (date && known.date === undefined) {
      known.date = date;
      changed = true;
    }
    return changed;
  }

  /** A source as a reader made it (undefined when what it read named none). */
  addSource(source: AnswerSource | undefined): boolean {
    return source !== undefined && this.add(source.url, source.title, source.date);
  }

  /** Adds each; true when any changed the list. */
  addAll(sources: Iterable<AnswerSource | undefined>): boolean {
    let changed = false;
    for (const source of sources) changed = this.addSource(source) || changed;
    return changed;
  }

  get size(): number {
    return this.byUrl.size;
  }

  /** A copy: the sink hands each report on whole, and a later report must not change an earlier one. */
  list(): AnswerSource[] {
    return [...this.byUrl.values()].map((source) => ({ ...source }));
  }
}
