import { costOfTokens, nanodollars, pricePerMTok, type Nanodollars, type NanodollarsPerMTok } from '../../../shared/money';

/** The figures of one ledger row that a caching saving is derived from: its frozen prices. */
export interface CacheSavingInput {
  cachedInputTokens: number | null;
  /** The row's charged input price (the tier's, when a tier applied); null when the row is unpriced. */
  priceInput: NanodollarsPerMTok | null;
  /** Null when the model has no cache-read price: cached tokens then cost the input price. */
  priceCacheRead: NanodollarsPerMTok | null;
}

/**
 * What prompt caching saved on one request: cached tokens × (input price − cache-read price),
 * rounded half to even once, to a whole nano-dollar, in BigInt (costOfTokens). It is derived from
 * the row's own frozen prices, so a later price change never rewrites a past saving. Null when
 * the provider did not report cached tokens or the row has no price: unknown, not zero.
 */
export function cacheSaving(row: CacheSavingInput): Nanodollars | null {
  if (row.cachedInputTokens === null || row.priceInput === null) return null;
  if (row.priceCacheRead === null) return nanodollars(0);
  return costOfTokens(row.cachedInputTokens, pricePerMTok(row.priceInput - row.priceCacheRead));
}

/** A conversation's (or any set of rows') saving: the sum of the known ones; null when none is known. */
export function totalCacheSaving(rows: Iterable<CacheSavingInput>): Nanodollars | null {
  let total: Nanodollars | null = null;
  for (const row of rows) {
    const saved = cacheSaving(row);
    if (saved !== null) total = nanodollars((total ?? 0) + saved);
  }
  return total;
}
