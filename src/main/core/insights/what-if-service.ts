import { AppError } from '../../../shared/contract/ipc-result';
import type { WhatIfPrices, WhatIfPricesView, WhatIfView } from '../../../shared/contract/insights-contract';
import type { PriceOverrideStore } from '../price-overrides/price-override-store';
import { resolvePrice } from '../price-overrides/resolve-price';
import type { PriceCatalog } from '../pricing/price-catalog';
import type { UnitPrices } from '../pricing/unit-prices';
import type { ProviderStore } from '../provider-config/provider-store';
import { providerTarget, type ProviderTarget } from '../provider-config/provider-target';
import type { ReportDb } from '../reports/report-db';
import type { ResolvedPeriod } from '../reports/report-period';
import { perMTok } from '../settings-admin/price-settings';
import { tokenRowsOf } from './period-rows';
import { addWhatIf, emptyWhatIfSums, type StoredTokens, type WhatIfSums } from './what-if-cost';

export interface WhatIfDeps {
  db: ReportDb;
  providers: ProviderStore;
  overrides: PriceOverrideStore;
  catalog: PriceCatalog;
  providerName: (providerId: string) => string;
  clock: () => number;
}

export interface WhatIfQuery {
  period: ResolvedPeriod;
  /** Omitted: the one configured provider that offers the model. */
  providerId?: string | undefined;
  model: string;
  /** Typed prices instead of today's (the override in force, else the catalog's). */
  prices?: WhatIfPrices | undefined;
}

interface Row extends StoredTokens {
  providerId: string;
  model: string;
}

/**
 * "What would this period have cost on another model?": the period's stored token counts priced
 * at the chosen model's prices of today, or at prices the user types. It reads through the
 * read-only report handle, so it cannot write: every row keeps its frozen cost.
 */
export class WhatIfService {
  constructor(private readonly deps: WhatIfDeps) {}

  compute(query: WhatIfQuery): WhatIfView {
    const target = this.target(query.providerId, query.model);
    const { prices, view } = query.prices ? typed(query.prices) : this.todays(target, query.model);
    const { where, params } = tokenRowsOf(query.period);
    const statement = this.deps.db.prepare<Row>(
      `SELECT provider_id AS providerId, model, input_tokens AS inputTokens, output_tokens AS outputTokens,
         cached_input_tokens AS cachedInputTokens, cache_write_tokens AS cacheWriteTokens, cost_usd_nanos AS costNanos
       FROM requests WHERE ${where}`,
    );
    const groups = new Map<string, { providerId: string; model: string; sums: WhatIfSums }>();
    let totals = emptyWhatIfSums();
    for (const row of statement.iterate(params)) {
      const key = `${row.providerId}\u0000${row.model}`;
      const group = groups.get(key) ?? { providerId: row.providerId, model: row.model, sums: emptyWhatIfSums() };
      group.sums = addWhatIf(group.sums, row, prices);
      groups.set(key, group);
      totals = addWhatIf(totals, row, prices);
    }
    return {
      period: periodView(query.period),
      providerId: target.providerId,
      providerName: target.name,
      model: query.model,
      prices: view,
      rows: [...groups.values()]
        .sort((a, b) => b.sums.actual - a.sums.actual || a.model.localeCompare(b.model))
        .map(({ providerId, model, sums }) => ({ providerId, providerName: this.deps.providerName(providerId), model, ...sumsView(sums) })),
      totals: sumsView(totals),
    };
  }

  private target(providerId: string | undefined, model: string): ProviderTarget {
    if (providerId !== undefined) return providerTarget(this.deps.providers, providerId);
    const offering = this.deps.providers.list().filter((p) => p.enabledModels.includes(model));
    if (offering.length === 1) return providerTarget(this.deps.providers, offering[0]!.id);
    const which = offering.length === 0 ? `No configured provider offers ${model}` : `${offering.map((p) => p.id).join(' and ')} all offer ${model}`;
    throw new AppError('invalid_request', `${which}: name the provider whose prices to use.`);
  }

  private todays(target: ProviderTarget, model: string): { prices: UnitPrices; view: WhatIfPricesView } {
    const found = resolvePrice(this.deps.overrides, this.deps.catalog, {
      providerId: target.providerId,
      kind: target.kind,
      model,
      ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}),
      at: this.deps.clock(),
    });
    if (!found) throw new AppError('not_found', `No price is known for ${model} on ${target.name}: type the prices to compare with.`);
    const source = found.charged.source.startsWith('override:') ? 'override' : 'catalog';
    return { prices: found.prices, view: pricesView(found.prices, source, found.charged.source) };
  }
}

function typed(input: WhatIfPrices): { prices: UnitPrices; view: WhatIfPricesView } {
  const prices: UnitPrices = {
    input: perMTok(input.input),
    output: perMTok(input.output),
    ...(input.cacheRead !== undefined ? { cacheRead: perMTok(input.cacheRead) } : {}),
    ...(input.cacheWrite !== undefined ? { cacheWrite: perMTok(input.cacheWrite) } : {}),
  };
  if ([prices.input, prices.output, prices.cacheRead ?? 0, prices.cacheWrite ?? 0].some((price) => price < 0)) {
    throw new AppError('invalid_request', 'A price cannot be negative.');
  }
  return { prices, view: pricesView(prices, 'typed', 'typed') };
}

function pricesView(prices: UnitPrices, source: WhatIfPricesView['source'], detail: string): WhatIfPricesView {
  return {
    source,
    detail,
    inputPerMTokNanos: prices.input,
    outputPerMTokNanos: prices.output,
    cacheReadPerMTokNanos: prices.cacheRead ?? null,
    cacheWritePerMTokNanos: prices.cacheWrite ?? null,
  };
}

function sumsView(sums: WhatIfSums) {
  return { requests: sums.requests, actualNanos: sums.actual, unpricedRequests: sums.unpricedRequests, whatIfNanos: sums.whatIf };
}

function periodView(period: ResolvedPeriod) {
  const { dayAligned: _dayAligned, ...view } = period;
  return view;
}
