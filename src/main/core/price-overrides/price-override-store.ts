import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NanodollarsPerCall, NanodollarsPerMTok } from '../../../shared/money';

export interface PriceOverride {
  id: string;
  providerId: string;
  model: string;
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead: NanodollarsPerMTok | null;
  cacheWrite: NanodollarsPerMTok | null;
  /** Null: 1-hour cache writes cost the catalog's, or Anthropic's rule (cache-write-1h-price.ts). */
  cacheWrite1h: NanodollarsPerMTok | null;
  /** Per-call fees; both null: the catalog's fees stand (resolve-price.ts). */
  request: NanodollarsPerCall | null;
  webSearch: NanodollarsPerCall | null;
  /** From this instant on, the override beats the catalog. */
  effectiveFrom: number;
  createdAt: number;
}

/** The new prices default to none (null): most overrides name token prices only. */
export type PriceOverrideInput = Omit<PriceOverride, 'id' | 'createdAt' | 'cacheWrite1h' | 'request' | 'webSearch'> &
  Partial<Pick<PriceOverride, 'cacheWrite1h' | 'request' | 'webSearch'>>;

const COLUMNS = `id, provider_id AS providerId, model, input_usd_nanos_per_mtok AS input, output_usd_nanos_per_mtok AS output,
  cache_read_usd_nanos_per_mtok AS cacheRead, cache_write_usd_nanos_per_mtok AS cacheWrite,
  cache_write_1h_usd_nanos_per_mtok AS cacheWrite1h, request_usd_nanos_per_call AS request,
  web_search_usd_nanos_per_call AS webSearch, effective_from AS effectiveFrom, created_at AS createdAt`;

/**
 * The user's own prices per provider + model, each effective from a date. Old overrides are
 * kept, not edited: a ledger row names the override it was charged at, and history never moves.
 */
export class PriceOverrideStore {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly newId: () => string = randomUUID,
  ) {}

  add(input: PriceOverrideInput, now: number): PriceOverride {
    const override: PriceOverride = {
      cacheWrite1h: null,
      request: null,
      webSearch: null,
      ...input,
      id: this.newId(),
      createdAt: now,
    };
    this.sqlite
      .prepare(
        `INSERT INTO price_overrides (id, provider_id, model, input_usd_nanos_per_mtok, output_usd_nanos_per_mtok,
           cache_read_usd_nanos_per_mtok, cache_write_usd_nanos_per_mtok, cache_write_1h_usd_nanos_per_mtok,
           request_usd_nanos_per_call, web_search_usd_nanos_per_call, effective_from, created_at)
         VALUES (@id, @providerId, @model, @input, @output, @cacheRead, @cacheWrite, @cacheWrite1h, @request, @webSearch,
           @effectiveFrom, @createdAt)`,
      )
      .run(override);
    return override;
  }

  /** The override in force at `at`: the latest effective date not after it (the newest entry wins a tie). */
  inForce(providerId: string, model: string, at: number): PriceOverride | undefined {
    return this.sqlite
      .prepare(
        `SELECT ${COLUMNS} FROM price_overrides
         WHERE provider_id = ? AND model = ? AND effective_from <= ?
         ORDER BY effective_from DESC, created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(providerId, model, at) as PriceOverride | undefined;
  }

  list(filter: { providerId?: string; model?: string } = {}): PriceOverride[] {
    return this.sqlite
      .prepare(
        `SELECT ${COLUMNS} FROM price_overrides
         WHERE (@providerId IS NULL OR provider_id = @providerId) AND (@model IS NULL OR model = @model)
         ORDER BY provider_id, model, effective_from`,
      )
      .all({ providerId: filter.providerId ?? null, model: filter.model ?? null }) as PriceOverride[];
  }

  delete(id: string): boolean {
    return this.sqlite.prepare('DELETE FROM price_overrides WHERE id = ?').run(id).changes > 0;
  }
}
