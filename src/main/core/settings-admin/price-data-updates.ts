import { REMOTE_DATA_JSON_URL } from '@pydantic/genai-prices';
import { AppError } from '../../../shared/contract/ipc-result';
import { MAX_PRICE_DATA_CHARS, type PriceDataView } from '../../../shared/contract/price-data-contract';
import { PriceDataError } from '../pricing/price-data-check';
import { preparePriceData } from '../pricing/price-data-file';
import type { PriceCatalog } from '../pricing/price-catalog';
import type { SettingsStore } from '../settings/settings-store';

interface PriceDataDeps {
  catalog: PriceCatalog;
  settings: SettingsStore;
  clock: () => number;
  /** Injected so a test can stand in for the network; the hosts use the platform's fetch. */
  fetch?: typeof fetch;
}

const FETCH_TIMEOUT_MS = 30_000;

/**
 * "Update prices", for every host: fetch (or take an imported file), check, store with its date,
 * and price new requests with it. A refused file or a failed fetch throws an AppError that says
 * so and leaves the data in use untouched.
 */
export class PriceDataUpdates {
  constructor(private readonly deps: PriceDataDeps) {}

  view(): PriceDataView {
    return { ...this.deps.catalog.info(), url: this.deps.settings.get('priceDataUrl') ?? REMOTE_DATA_JSON_URL, defaultUrl: REMOTE_DATA_JSON_URL };
  }

  setUrl(url: string): PriceDataView {
    this.deps.settings.set('priceDataUrl', url.trim());
    return this.view();
  }

  /** Fetches from `url`, or from the setting when none is given (the CLI's --url does not change the setting). */
  async update(url?: string): Promise<PriceDataView> {
    const from = url ?? this.deps.settings.get('priceDataUrl') ?? REMOTE_DATA_JSON_URL;
    const text = await this.download(from);
    return this.store(text, from);
  }

  importText(text: string, fileName: string): PriceDataView {
    return this.store(text, `file:${fileName}`);
  }

  private store(text: string, origin: string): PriceDataView {
    if (text.length > MAX_PRICE_DATA_CHARS) {
      throw new AppError('invalid_request', `The price data is over ${MAX_PRICE_DATA_CHARS.toLocaleString('en-US')} characters: not a genai-prices data file. Prices are unchanged.`);
    }
    try {
      this.deps.catalog.install(preparePriceData(text, origin, this.deps.clock()));
    } catch (error) {
      if (error instanceof PriceDataError) throw new AppError('invalid_request', `${error.message} Prices are unchanged.`);
      throw error;
    }
    return this.view();
  }

  private async download(url: string): Promise<string> {
    const fetchImpl = this.deps.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    } catch (error) {
      throw new AppError('provider_error', `Could not fetch prices from ${url}: ${networkReason(error)}. Prices are unchanged.`, true);
    }
    if (!response.ok) {
      throw new AppError('provider_error', `The price server answered ${response.status} ${response.statusText} for ${url}. Prices are unchanged.`, response.status >= 500);
    }
    try {
      return await response.text();
    } catch (error) {
      throw new AppError('provider_error', `The download from ${url} broke off: ${networkReason(error)}. Prices are unchanged.`, true);
    }
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
    const cause = error.cause;
    if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
    return error.message;
  }
  return String(error);
}
