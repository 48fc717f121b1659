import type { AnswerSource } from '../../../shared/answer-source';
import { isObject, objectAt, stringAt } from './json-guards';

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
