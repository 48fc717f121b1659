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

/** Products up to this fit SQLite's 64-bit integers; a row past it is summed in BigInt instead. */
const SQL_SAFE_PRODUCT = 9_000_000_000_000_000_000n;

/** cached tokens × (input − cache-read price) of a row (alias `r`); a missing cache-read price saves nothing. */
const PRICE_GAP_SQL = 'r.price_input_usd_nanos_per_mtok - COALESCE(r.price_cache_read_usd_nanos_per_mtok, r.price_input_usd_nanos_per_mtok)';
// Written out where it is used rather than in a subquery: a correlated subquery per row costs more than repeating the product.
const PRODUCT_SQL = `(r.cached_input_tokens * (${PRICE_GAP_SQL}))`;

/**
 * The same rule as cacheSaving, as SQL over the ledger's columns (table alias `r`), so a period's
 * saving is summed by SQLite instead of row by row in JavaScript: cached tokens × (input −
 * cache-read price), divided by 10^6 and rounded half to even, sign kept as roundHalfEven keeps it.
 * It covers the rows whose product fits a 64-bit integer (`SQL_SAFE_ROWS`); the rest, if any, go
 * through cacheSaving (`BIGINT_ROWS`). A test holds the two equal on random rows.
 */
export const CACHE_SAVING_SQL = {
  /** One row's saving; needs r.cached_input_tokens and r.price_input_usd_nanos_per_mtok not null. */
  saving: `(CASE WHEN ${PRODUCT_SQL} >= 0 THEN 1 ELSE -1 END * (abs(${PRODUCT_SQL}) / 1000000 + CASE
      WHEN (abs(${PRODUCT_SQL}) % 1000000) * 2 > 1000000
        OR ((abs(${PRODUCT_SQL}) % 1000000) * 2 = 1000000 AND (abs(${PRODUCT_SQL}) / 1000000) % 2 = 1) THEN 1 ELSE 0 END))`,
  SQL_SAFE_ROWS: `r.cached_input_tokens <= ${SQL_SAFE_PRODUCT} / max(abs(${PRICE_GAP_SQL}), 1)`,
  BIGINT_ROWS: `r.cached_input_tokens > ${SQL_SAFE_PRODUCT} / max(abs(${PRICE_GAP_SQL}), 1)`,
} as const;
