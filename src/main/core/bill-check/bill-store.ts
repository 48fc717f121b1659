import type Database from 'better-sqlite3';
import type { Nanodollars } from '../../../shared/money';
import type { AccountFigures, BalanceFigure, BilledCostLine, BilledUsageLine, BillVendor, GenerationCost } from './bill-types';

export interface BillAccount {
  providerId: string;
  vendor: BillVendor;
  adminKeyRef: string | null;
  ownScope: string | null;
  enabledAt: number;
}

export interface StoredFetch {
  id: string;
  providerId: string;
  vendor: BillVendor;
  fetchedAt: number;
}

export interface StoredBalance extends BalanceFigure {
  fetchedAt: number;
}

/** The figures of one UTC day, each from the latest fetch that covered that day. */
export interface StoredDay {
  day: string;
  fetchedAt: number;
  costs: BilledCostLine[];
  usage: BilledUsageLine[];
}

interface FetchRow {
  id: string;
  fetchedAt: number;
  startMs: number;
  endMs: number;
}

/**
 * The bill check's own tables: which providers opted in, and every figure a vendor's account API
 * returned, with its fetch time. A fetch is written in one transaction, or not at all; the
 * ledger's tables are never written from here.
 */
export class BillStore {
  constructor(private readonly sqlite: Database.Database) {}

  account(providerId: string): BillAccount | undefined {
    return this.sqlite
      .prepare<[string], BillAccount>(
        `SELECT provider_id AS providerId, vendor, admin_key_ref AS adminKeyRef,
           own_scope AS ownScope, enabled_at AS enabledAt FROM bill_check_accounts WHERE provider_id = ?`,
      )
      .get(providerId);
  }

  saveAccount(account: BillAccount): void {
    this.sqlite
      .prepare(
        `INSERT INTO bill_check_accounts (provider_id, vendor, admin_key_ref, own_scope, enabled_at)
         VALUES (@providerId, @vendor, @adminKeyRef, @ownScope, @enabledAt)
         ON CONFLICT (provider_id) DO UPDATE SET vendor = excluded.vendor, admin_key_ref = excluded.admin_key_ref,
           own_scope = excluded.own_scope`,
      )
      .run(account);
  }

  deleteAccount(providerId: string): void {
    this.sqlite.prepare('DELETE FROM bill_check_accounts WHERE provider_id = ?').run(providerId);
  }

  /** Stores one successful fetch whole. */
  saveFetch(fetch: StoredFetch, figures: AccountFigures, generations: readonly GenerationCost[]): void {
    const insertFetch = this.sqlite.prepare(
      'INSERT INTO bill_fetches (id, provider_id, vendor, fetched_at, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertCost = this.sqlite.prepare('INSERT INTO bill_costs (fetch_id, day, scope, model, line_item, amount_usd_nanos) VALUES (?, ?, ?, ?, ?, ?)');
    const insertUsage = this.sqlite.prepare(
      'INSERT INTO bill_usage (fetch_id, day, api_key_id, model, input_tokens, output_tokens, requests) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertBalance = this.sqlite.prepare('INSERT INTO bill_balances (fetch_id, currency, total_nanos, purchased_nanos, used_nanos) VALUES (?, ?, ?, ?, ?)');
    const insertGeneration = this.sqlite.prepare(
      `INSERT INTO bill_generation_costs (request_id, provider_id, generation_id, cost_usd_nanos, fetched_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (request_id) DO UPDATE SET generation_id = excluded.generation_id, cost_usd_nanos = excluded.cost_usd_nanos, fetched_at = excluded.fetched_at`,
    );
    this.sqlite
      .transaction(() => {
        insertFetch.run(fetch.id, fetch.providerId, fetch.vendor, fetch.fetchedAt, figures.startMs, figures.endMs);
        for (const c of figures.costs) insertCost.run(fetch.id, c.day, c.scope, c.model, c.lineItem, c.amountNanos);
        for (const u of figures.usage) insertUsage.run(fetch.id, u.day, u.apiKeyId, u.model, u.inputTokens, u.outputTokens, u.requests);
        for (const b of figures.balances) insertBalance.run(fetch.id, b.currency, b.totalNanos, b.purchasedNanos, b.usedNanos);
        for (const g of generations) insertGeneration.run(g.requestId, fetch.providerId, g.generationId, g.costNanos, fetch.fetchedAt);
      })
      .immediate();
  }

  lastFetchAt(providerId: string): number | null {
    return this.sqlite.prepare<[string], { at: number | null }>('SELECT MAX(fetched_at) AS at FROM bill_fetches WHERE provider_id = ?').get(providerId)?.at ?? null;
  }

  /** For each UTC day in `days`, the lines of the latest fetch whose range covered it; a day no fetch covered is left out. */
  latestDays(providerId: string, days: readonly { day: string; startMs: number }[]): StoredDay[] {
    const fetches = this.sqlite
      .prepare<[string], FetchRow>(
        'SELECT id, fetched_at AS fetchedAt, start_ms AS startMs, end_ms AS endMs FROM bill_fetches WHERE provider_id = ? ORDER BY fetched_at DESC, rowid DESC',
      )
      .all(providerId);
    const costs = this.sqlite.prepare<[string, string], CostRow>(
      'SELECT day, scope, model, line_item AS lineItem, amount_usd_nanos AS amountNanos FROM bill_costs WHERE fetch_id = ? AND day = ?',
    );
    const usage = this.sqlite.prepare<[string, string], BilledUsageLine>(
      `SELECT day, api_key_id AS apiKeyId, model, input_tokens AS inputTokens, output_tokens AS outputTokens, requests
       FROM bill_usage WHERE fetch_id = ? AND day = ?`,
    );
    return days.flatMap(({ day, startMs }) => {
      const latest = fetches.find((f) => f.startMs <= startMs && startMs < f.endMs);
      if (!latest) return [];
      return [
        {
          day,
          fetchedAt: latest.fetchedAt,
          costs: costs.all(latest.id, day).map((row) => ({ ...row, amountNanos: row.amountNanos as Nanodollars })),
          usage: usage.all(latest.id, day),
        },
      ];
    });
  }

  /** The balances of the latest fetch that read any. */
  latestBalances(providerId: string): StoredBalance[] {
    return this.sqlite
      .prepare<[string], StoredBalance>(
        `SELECT b.currency, b.total_nanos AS totalNanos, b.purchased_nanos AS purchasedNanos, b.used_nanos AS usedNanos, f.fetched_at AS fetchedAt
         FROM bill_balances b JOIN bill_fetches f ON f.id = b.fetch_id
         WHERE f.id = (SELECT f2.id FROM bill_fetches f2 JOIN bill_balances b2 ON b2.fetch_id = f2.id
                       WHERE f2.provider_id = ? ORDER BY f2.fetched_at DESC, f2.rowid DESC LIMIT 1)
         ORDER BY b.currency`,
      )
      .all(providerId);
  }

  /** Every reading of an account's total usage in [startMs, endMs) (OpenRouter's credits), oldest first. */
  usageReadings(providerId: string, startMs: number, endMs: number): { fetchedAt: number; usedNanos: number }[] {
    return this.sqlite
      .prepare<[string, number, number], { fetchedAt: number; usedNanos: number }>(
        `SELECT f.fetched_at AS fetchedAt, b.used_nanos AS usedNanos FROM bill_balances b JOIN bill_fetches f ON f.id = b.fetch_id
         WHERE f.provider_id = ? AND f.fetched_at >= ? AND f.fetched_at < ? AND b.used_nanos IS NOT NULL
         ORDER BY f.fetched_at, f.rowid`,
      )
      .all(providerId, startMs, endMs);
  }
}

interface CostRow {
  day: string;
  scope: string | null;
  model: string | null;
  lineItem: string | null;
  amountNanos: number;
}
