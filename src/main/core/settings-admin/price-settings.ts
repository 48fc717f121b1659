import { AppError } from '../../../shared/contract/ipc-result';
import type { CatalogPriceView, PriceOverrideView, PriceRowView } from '../../../shared/contract/settings-contract';
import {
  MAX_ENTERED_USD,
  MoneyRangeError,
  parseEnteredUsd,
  pricePerCall,
  pricePerMTok,
  type NanodollarsPerCall,
  type NanodollarsPerMTok,
} from '../../../shared/money';
import type { RequestLedger } from '../ledger/request-ledger';
import type { PriceOverride, PriceOverrideStore } from '../price-overrides/price-override-store';
import { resolvePrice } from '../price-overrides/resolve-price';
import type { CatalogPrice } from '../pricing/catalog-prices';
import type { PriceCatalog } from '../pricing/price-catalog';
import type { ProviderStore } from '../provider-config/provider-store';
import { providerTarget, type ProviderTarget } from '../provider-config/provider-target';
import { localDayKey } from '../time/zoned-calendar';
import { parseLocalDay } from './local-day';

export type { PriceOverride } from '../price-overrides/price-override-store';
export type { CatalogPrice, TokenPrices, UnitPrices } from '../pricing/catalog-prices';
export type { ProviderTarget } from '../provider-config/provider-target';

export interface PriceSettingsDeps {
  ledger: RequestLedger;
  providers: ProviderStore;
  overrides: PriceOverrideStore;
  catalog: PriceCatalog;
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
  cacheWrite1h?: string | undefined;
  /** Decimal US dollars per call. */
  requestFee?: string | undefined;
  webSearchFee?: string | undefined;
  /** The local day it takes effect on, in the user's time zone. */
  effectiveFrom: string;
}

/**
 * An override's unit prices, already parsed; a missing cache price is charged at the input price,
 * a missing 1-hour write price by Anthropic's rule, and without any per-call fee the catalog's fees stand.
 */
export interface OverridePrices {
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead: NanodollarsPerMTok | null;
  cacheWrite: NanodollarsPerMTok | null;
  cacheWrite1h?: NanodollarsPerMTok | null;
  request?: NanodollarsPerCall | null;
  webSearch?: NanodollarsPerCall | null;
}

/** What a request made now would be charged at, by the same resolution the chat path uses. */
export type PriceInForce =
  | { kind: 'override'; override: PriceOverride }
  | { kind: 'catalog'; source: string }
  | { kind: 'local' }
  | { kind: 'none' };

/** A model's prices, for one provider or (without one) across every provider that has an override. */
export interface PriceLookup {
  target: ProviderTarget | undefined;
  catalog: CatalogPrice | undefined;
  overrides: PriceOverride[];
  /** Per provider: the target's alone, or each provider with an override. */
  inForce: { providerId: string; price: PriceInForce }[];
}

/** The user's prices: one service for the Settings table and the CLI's `prices` command. */
export class PriceSettings {
  constructor(private readonly deps: PriceSettingsDeps) {}

  list(): PriceRowView[] {
    return this.deps.providers
      .list()
      .flatMap((provider) => provider.enabledModels.map((model) => this.row(providerTarget(this.deps.providers, provider.id), model)));
  }

  /** Settings' form: dollar text and a local day. */
  add(input: NewOverride): PriceRowView {
    const { target } = this.setOverride({
      providerId: input.providerId,
      model: input.model,
      prices: {
        input: perMTok(input.input),
        output: perMTok(input.output),
        cacheRead: input.cacheRead === undefined ? null : perMTok(input.cacheRead),
        cacheWrite: input.cacheWrite === undefined ? null : perMTok(input.cacheWrite),
        cacheWrite1h: input.cacheWrite1h === undefined ? null : perMTok(input.cacheWrite1h),
        request: input.requestFee === undefined ? null : perCall(input.requestFee),
        webSearch: input.webSearchFee === undefined ? null : perCall(input.webSearchFee),
      },
      effectiveDay: input.effectiveFrom,
    });
    return this.row(target, input.model);
  }

  /** Adds an override from a local day (YYYY-MM-DD in the user's time zone), or from now without one. */
  setOverride(input: { providerId: string; model: string; prices: OverridePrices; effectiveDay?: string | undefined }): {
    override: PriceOverride;
    target: ProviderTarget;
  } {
    const target = providerTarget(this.deps.providers, input.providerId);
    const now = this.deps.clock();
    const effectiveFrom = input.effectiveDay === undefined ? now : parseLocalDay(input.effectiveDay, this.deps.timeZone());
    const override = this.deps.overrides.add({ providerId: target.providerId, model: input.model, ...input.prices, effectiveFrom }, now);
    return { override, target };
  }

  lookup(model: string, providerId: string | undefined): PriceLookup {
    const now = this.deps.clock();
    const target = providerId === undefined ? undefined : providerTarget(this.deps.providers, providerId);
    // Without a provider the catalog is asked as for an unknown gateway: by the model's name alone.
    const catalog = target
      ? this.deps.catalog.find(target.kind, model, new Date(now), target.baseUrl)
      : this.deps.catalog.find('openai-compatible', model, new Date(now));
    const overrides = this.deps.overrides.list({ model, ...(target ? { providerId: target.providerId } : {}) });
    const inForce = target
      ? [{ providerId: target.providerId, price: this.inForce(target, model, now) }]
      : [...new Set(overrides.map((o) => o.providerId))].map((id) => {
          const override = this.deps.overrides.inForce(id, model, now);
          const price: PriceInForce = override ? { kind: 'override', override } : catalog ? { kind: 'catalog', source: catalog.source } : { kind: 'none' };
          return { providerId: id, price };
        });
    return { target, catalog, overrides, inForce };
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

  private inForce(target: ProviderTarget, model: string, now: number): PriceInForce {
    const resolved = resolvePrice(this.deps.overrides, this.deps.catalog, {
      providerId: target.providerId,
      kind: target.kind,
      model,
      at: now,
      ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}),
    });
    if (!resolved) return { kind: 'none' };
    const override = this.deps.overrides.inForce(target.providerId, model, now);
    if (override) return { kind: 'override', override };
    return resolved.charged.source === 'local' ? { kind: 'local' } : { kind: 'catalog', source: resolved.charged.source };
  }

  private row(target: ProviderTarget, model: string): PriceRowView {
    const now = this.deps.clock();
    const catalog = this.deps.catalog.find(target.kind, model, new Date(now), target.baseUrl);
    const overrides = this.deps.overrides.list({ providerId: target.providerId, model });
    return {
      providerId: target.providerId,
      providerName: target.name,
      model,
      catalog: catalog ? catalogView(catalog.prices, catalog.source) : null,
      activeOverrideId: this.deps.overrides.inForce(target.providerId, model, now)?.id ?? null,
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
      cacheWrite1hNanosPerMTok: override.cacheWrite1h,
      requestFeeNanos: override.request,
      requestFeeBySearchContextNanos: null,
      webSearchFeeNanos: override.webSearch,
      usedByRequests: this.usedBy(override.id),
    };
  }

  private usedBy(overrideId: string): number {
    return this.deps.ledger.countChargedAt(`override:${overrideId}`);
  }
}

function catalogView(prices: CatalogPrice['prices'], source: string): CatalogPriceView {
  return {
    inputNanosPerMTok: prices.input,
    outputNanosPerMTok: prices.output,
    cacheReadNanosPerMTok: prices.cacheRead ?? null,
    cacheWriteNanosPerMTok: prices.cacheWrite ?? null,
    cacheWrite1hNanosPerMTok: prices.cacheWrite1h ?? null,
    requestFeeNanos: prices.calls?.request ?? null,
    requestFeeBySearchContextNanos: prices.calls?.requestBySearchContext ?? null,
    webSearchFeeNanos: prices.calls?.webSearch ?? null,
    source,
    tiered: (prices.tiers?.length ?? 0) > 0,
  };
}

/** The same bound the CLI names: a price past it is the user's to fix, not an internal error. */
/** Dollars per million tokens as typed, to a unit price; the one rule for Settings, the CLI and what-if. */
export function perMTok(text: string): NanodollarsPerMTok {
  try {
    return pricePerMTok(parseEnteredUsd(text));
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new AppError('invalid_request', `A price is US dollars per million tokens below ${MAX_ENTERED_USD.toLocaleString('en-US')}; got ${text}.`);
  }
}

function perCall(text: string): NanodollarsPerCall {
  try {
    return pricePerCall(parseEnteredUsd(text));
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new AppError('invalid_request', `A fee is US dollars per call below ${MAX_ENTERED_USD.toLocaleString('en-US')}; got ${text}.`);
  }
}
