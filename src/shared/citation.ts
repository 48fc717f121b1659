/** A source a provider says its answer drew on (Perplexity's search results), shown under the answer. */
export interface Citation {
  url: string;
  title?: string;
  /** The source's date as the provider wrote it ("2025-03-14"). */
  date?: string;
}
