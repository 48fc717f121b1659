/**
 * A source an answer drew on, shown under it as a numbered link: Perplexity's search results
 * today, any provider's web-search results tomorrow. Stored with the assistant message.
 */
export interface AnswerSource {
  url: string;
  title?: string;
  /** The source's date as the provider wrote it ("2025-03-14"). */
  date?: string;
}
