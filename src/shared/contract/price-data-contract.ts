/** Settings → Prices: the catalog data in use, and "Update prices" (issue 15, item 6). */
import { z } from 'zod';
import { method } from './define-method';

/** Which catalog prices new requests; past rows keep the source they were charged with. */
export interface PriceDataView {
  /** What a request priced now records as its source: "genai-prices@0.1.8" or "genai-prices-data@<date>". */
  source: string;
  bundledVersion: string;
  /** Newer data fetched or imported into the data folder, or null for the bundled catalog. */
  stored: { date: string; origin: string; sha256: string; providers: number } | null;
  /** Why the stored data on disk is not in use, or null. */
  problem: string | null;
  /** Where "Update prices" fetches from (a setting; genai-prices' own data file by default). */
  url: string;
  defaultUrl: string;
}

/** A data file a person picks is read in the window and sent whole; the real file is about 1 MB. */
export const MAX_PRICE_DATA_CHARS = 12_000_000;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => /^https?:\/\//i.test(text), 'an http:// or https:// address');

export const priceDataContract = {
  pricesData: method<PriceDataView>()(z.object({}).strict()),
  /** Remembers the address "Update prices" fetches from. */
  pricesDataUrlSet: method<PriceDataView>()(z.object({ url: httpUrl }).strict()),
  /** Fetches, checks and stores newer price data; a refused or failed fetch changes nothing. */
  pricesUpdate: method<PriceDataView>()(z.object({ url: httpUrl.optional() }).strict()),
  /** The offline import: a data file's text, checked and stored like a fetched one. */
  pricesImport: method<PriceDataView>()(
    z.object({ text: z.string().min(1).max(MAX_PRICE_DATA_CHARS), fileName: z.string().min(1).max(500) }).strict(),
  ),
};
