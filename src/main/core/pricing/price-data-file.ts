import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@pydantic/genai-prices';
import { checkPriceData, PriceDataError } from './price-data-check';

/** Price data fetched or imported after release, with the moment it was taken and where from. */
export interface StoredPriceData {
  /** ISO 8601, UTC, to the second: the data's date, named in every ledger row priced with it. */
  date: string;
  /** The URL it was fetched from, or "file:<name>" for an offline import. */
  origin: string;
  /** SHA-256 of the data file's bytes, to tell two files of the same second apart. */
  sha256: string;
  providers: Provider[];
}

const FORMAT = 'tallychat-price-data/1';

export function priceDataFile(dataDir: string): string {
  return join(dataDir, 'prices', 'genai-prices-data.json');
}

/** Checks the text and wraps it with its date; throws PriceDataError and stores nothing when it is refused. */
export function preparePriceData(text: string, origin: string, now: number): StoredPriceData {
  const providers = checkPriceData(text);
  const date = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { date, origin, sha256: createHash('sha256').update(text).digest('hex'), providers };
}

/** Writes under a temporary name, then renames: a reader sees the old file or the new one, never half. */
export function writePriceData(dataDir: string, data: StoredPriceData): void {
  const file = priceDataFile(dataDir);
  mkdirSync(join(dataDir, 'prices'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, ...data }));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The stored data, undefined when there is none; a damaged file throws PriceDataError (it is never half-used). */
export function readPriceData(dataDir: string): StoredPriceData | undefined {
  let text: string;
  try {
    text = readFileSync(priceDataFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new PriceDataError(`${priceDataFile(dataDir)} is damaged (not complete JSON).`);
  }
  if (typeof stored !== 'object' || stored === null || !('format' in stored) || stored.format !== FORMAT) {
    throw new PriceDataError(`${priceDataFile(dataDir)} is not a price data file this version of Tallychat wrote.`);
  }
  const { date, origin, sha256, providers } = stored as Record<string, unknown>;
  if (typeof date !== 'string' || typeof origin !== 'string' || typeof sha256 !== 'string') {
    throw new PriceDataError(`${priceDataFile(dataDir)} has lost its date or origin.`);
  }
  return { date, origin, sha256, providers: checkPriceData(JSON.stringify(providers)) };
}
