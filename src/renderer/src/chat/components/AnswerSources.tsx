import type { AnswerSource } from '../../../../shared/answer-source';

/** Only web addresses become links; the window opens them outside the app (window-security.ts). */
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * The sources an answer cited, numbered from 1 as the answer's [1], [2] count them. A link opens
 * in the user's browser through the window's external-link path, never inside the app.
 */
export function AnswerSources({ sources }: { sources: AnswerSource[] }) {
  return (
    <section className="answer-sources" aria-label="Sources">
      <h3>Sources</h3>
      <ol>
        {sources.map((source, index) => (
          <li key={`${index}:${source.url}`}>
            {isWebUrl(source.url) ? (
              <a href={source.url} target="_blank" rel="noreferrer" title={source.url}>
                {source.title || source.url}
              </a>
            ) : (
              <span title="Not a web address, so not a link">{source.title || source.url}</span>
            )}
            {source.date && <span className="answer-source-date"> · {source.date}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
