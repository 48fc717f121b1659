import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/ipc-result';
import type { CatalogPriceView, PriceOverrideView, PriceRowView } from '../../../shared/contract/settings-contract';
import { parseUsd, pricePerMTok, type NanodollarsPerMTok } from '../../../shared/money';
import type { PriceOverride, PriceOverrideStore } from '../price-overrides/price-override-store';
import { findCatalogPrice } from '../pricing/catalog-prices';
import type { ProviderConfig, ProviderStore } from '../provider-config/provider-store';
import { localDayKey } from '../time/zoned-calendar';
import { parseLocalDay } from './local-day';

export interface PriceSettingsDeps {
  sqlite: Database.Database;
  providers: ProviderStore;
  overrides: PriceOverrideStore;
  timeZone: () => string;
  clock: () => number;
}

export interface NewOverride {
  providerId: string;
  model: string;
  /** Decimal US dollars per million tokens, as typed. */
  input: string;
  output: string;
  cacheRead?: string | undefined;
  cacheWrite?: string | undefined;
  /** The local day it takes effect on, in the user's time zone. */
  effectiveFrom: string;
}

/** The price table of Settings: per enabled model, the catalog's price and the user's overrides. */
export class PriceSettings {
  constructor(private readonly deps: PriceSettingsDeps) {}

  list(): PriceRowView[] {
    return this.deps.providers.list().flatMap((provider) => provider.enabledModels.map((model) => this.row(provider, model)));
  }

  add(input: NewOverride): PriceRowView {
    const provider = this.deps.providers.get(input.providerId);
    if (!provider) throw new AppError('not_found', 'That provider no longer exists.');
    const effectiveFrom = parseLocalDay(input.effectiveFrom, this.deps.timeZone());
    this.deps.overrides.add(
      {
        providerId: provider.id,
        model: input.model,
        input: perMTok(input.input),
        output: perMTok(input.output),
        cacheRead: input.cacheRead === undefined ? null : perMTok(input.cacheRead),
        cacheWrite: input.cacheWrite === undefined ? null : perMTok(input.cacheWrite),
        effectiveFrom,
      },
      this.deps.clock(),
    );
    return this.row(provider, input.model);
  }

  /** Only an override no request was charged at: the ledger names the override each row used. */
  delete(id: string): boolean {
    const used = this.usedBy(id);
    if (used > 0) {
      throw new AppError(
        'conflict',
        `This price was charged on ${used} request${used === 1 ? '' : 's'}, so it stays on record. Add a newer price with a later date instead.`,
      );
    }
    return this.deps.overrides.delete(id);
  }

  private row(provider: ProviderConfig, model: string): PriceRowView {
    const now = this.deps.clock();
    const catalog = findCatalogPrice(provider.kind, model, new Date(now), provider.baseUrl);
    const overrides = this.deps.overrides.list({ providerId: provider.id, model });
    return {
      providerId: provider.id,
      providerName: provider.name,
      model,
      catalog: catalog ? catalogView(catalog.prices, catalog.source) : null,
      activeOverrideId: this.deps.overrides.inForce(provider.id, model, now)?.id ?? null,
      overrides: overrides.map((o) => this.overrideView(o)),
    };
  }

  private overrideView(override: PriceOverride): PriceOverrideView {
    return {
      id: override.id,
      effectiveFrom: override.effectiveFrom,
      effectiveDay: localDayKey(override.effectiveFrom, this.deps.timeZone()),
      inputNanosPerMTok: override.input,
      outputNanosPerMTok: override.output,
      cacheReadNanosPerMTok: override.cacheRead,
      cacheWriteNanosPerMTok: override.cacheWrite,
      usedByRequests: this.usedBy(override.id),
    };
  }

  private usedBy(overrideId: string): number {
    const row = this.deps.sqlite.prepare('SELECT count(*) AS n FROM requests WHERE price_source = ?').get(`override:${overrideId}`) as { n: number };
    return row.n;
  }
}

function catalogView(prices: NonNullable<ReturnType<typeof findCatalogPrice>>['prices'], source: string): CatalogPriceView {
  return {
    inputNanosPerMTok: prices.input,
    outputNanosPerMTok: prices.output,
    cacheReadNanosPerMTok: prices.cacheRead ?? null,
    cacheWriteNanosPerMTok: prices.cacheWrite ?? null,
    source,
    tiered: (prices.tiers?.length ?? 0) > 0,
  };
}

function perMTok(text: string): NanodollarsPerMTok {
  return pricePerMTok(parseUsd(text));
}
