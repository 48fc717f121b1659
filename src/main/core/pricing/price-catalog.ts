import { statSync } from 'node:fs';
import { CATALOG_VERSION, findCatalogPrice, priceDataSource, type CatalogPrice } from './catalog-prices';
import { PriceDataError } from './price-data-check';
import { priceDataFile, readPriceData, writePriceData, type StoredPriceData } from './price-data-file';
import type { ProviderKind } from '../providers/provider-types';

/** Which catalog data prices new requests. */
export interface CatalogDataInfo {
  /** What a row priced now records: "genai-prices@0.1.8" or "genai-prices-data@<date>". */
  source: string;
  bundledVersion: string;
  /** The fetched or imported data in use, or null for the bundled catalog. */
  stored: { date: string; origin: string; sha256: string; providers: number } | null;
  /** Why stored data on disk is not in use (damaged), or null. */
  problem: string | null;
}

/**
 * The price catalog of one data folder: the bundled one, or newer data stored in the folder by
 * "Update prices". Hosts sharing the folder (app, CLI, browser mode) see an update at their next
 * lookup: the file's size and time are checked on each. New data prices new requests only; a
 * ledger row keeps the prices and the source it was charged with.
 */
export class PriceCatalog {
  private data: StoredPriceData | undefined;
  private problem: string | null = null;
  private seen = '';

  constructor(private readonly dataDir: string) {
    this.reloadIfChanged();
  }

  find(kind: ProviderKind, model: string, at: Date, baseUrl?: string): CatalogPrice | undefined {
    this.reloadIfChanged();
    return findCatalogPrice(kind, model, at, baseUrl, this.data);
  }

  /** Stores checked data (temporary file, then rename) and prices new requests with it. */
  install(data: StoredPriceData): void {
    writePriceData(this.dataDir, data);
    this.data = data;
    this.problem = null;
    this.seen = this.fileStamp();
  }

  info(): CatalogDataInfo {
    this.reloadIfChanged();
    const stored = this.data;
    return {
      source: stored ? priceDataSource(stored) : `genai-prices@${CATALOG_VERSION}`,
      bundledVersion: CATALOG_VERSION,
      stored: stored ? { date: stored.date, origin: stored.origin, sha256: stored.sha256, providers: stored.providers.length } : null,
      problem: this.problem,
    };
  }

  private reloadIfChanged(): void {
    const stamp = this.fileStamp();
    if (stamp === this.seen) return;
    this.seen = stamp;
    try {
      this.data = readPriceData(this.dataDir);
      this.problem = null;
    } catch (error) {
      if (!(error instanceof PriceDataError)) throw error;
      // A damaged file is not half-used: the bundled catalog prices, and Settings says why.
      this.data = undefined;
      this.problem = `${error.message} The bundled catalog is in use; update the prices again to replace it.`;
    }
  }

  private fileStamp(): string {
    try {
      const stat = statSync(priceDataFile(this.dataDir));
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return '';
    }
  }
}
