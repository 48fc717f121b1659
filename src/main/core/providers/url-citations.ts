import type { AnswerSource } from '../../../shared/answer-source';
import { isObject, objectAt, stringAt } from './json-guards';

/**
 * The sources an answer cites, each once, in the order first cited. Vendors repeat a source for
 * every passage it backs; one link under the answer is enough. A title that came later fills one
 * that was missing.
 */
export class UrlCitations {
  private readonly byUrl = new Map<string, AnswerSource>();

  /** True when the list changed (a new source, or a title for one that had none). */
  add(source: AnswerSource | undefined): boolean {
    if (source === undefined) return false;
    const known = this.byUrl.get(source.url);
    if (known === undefined) {
      this.byUrl.set(source.url, source);
      return true;
    }
    if (known.title !== undefined || source.title === undefined) return false;
    this.byUrl.set(source.url, { ...known, title: source.title });
    return true;
  }

  /** Adds each; true when any changed the list. */
  addAll(sources: Iterable<AnswerSource | undefined>): boolean {
    let changed = false;
    for (const source of sources) changed = this.add(source) || changed;
    return changed;
  }

  list(): AnswerSource[] {
    return [...this.byUrl.values()];
  }

  get size(): number {
    return this.byUrl.size;
  }
}

/**
 * A `url_citation` annotation as a source. The Responses API puts `url` and `title` on the
 * annotation itself; Chat Completions (OpenRouter) nests them under `url_citation`.
 */
export function urlCitationOf(annotation: unknown): AnswerSource | undefined {
  if (!isObject(annotation) || annotation.type !== 'url_citation') return undefined;
  const fields = objectAt(annotation, 'url_citation') ?? annotation;
  const url = stringAt(fields, 'url');
  if (url === undefined || url === '') return undefined;
  const title = stringAt(fields, 'title');
  return title ? { url, title } : { url };
}

/** The `url_citation` annotations of a list, as sources. */
export function urlCitationsIn(annotations: unknown): Array<AnswerSource | undefined> {
  return Array.isArray(annotations) ? annotations.map(urlCitationOf) : [];
}
