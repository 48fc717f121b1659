import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { PriceDataView } from '../../../shared/contract/price-data-contract';
import { AppError } from '../../../shared/contract/ipc-result';
import { CliUsageError, EXIT, type CliIo } from '../cli-io';
import { withCore } from '../with-core';

export const PRICES_UPDATE_USAGE = 'tallychat prices update [--url URL | --file FILE] [--data-dir DIR]';

/**
 * `tallychat prices update`: the same service as Settings → Prices → Update prices. Without
 * options it fetches from the address Settings names; --url fetches once from another, --file
 * imports a data file offline. A refused file or failed fetch leaves the prices as they were.
 */
export async function updatePrices(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { url: { type: 'string' }, file: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (values.url !== undefined && values.file !== undefined) throw new CliUsageError('give --url or --file, not both');
  if (values.url !== undefined && !/^https?:\/\//i.test(values.url.trim())) throw new CliUsageError('--url must be an http:// or https:// address');
  const fileText = values.file === undefined ? undefined : readDataFile(values.file);

  return withCore(values['data-dir'], io, async (core) => {
    const { priceData } = core.services;
    try {
      const view = fileText === undefined ? await priceData.update(values.url?.trim()) : priceData.importText(fileText, basename(values.file!));
      io.stdout(`${updatedLines(view).join('\n')}\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      io.stderr(`tallychat prices: ${error.message}\n`);
      return EXIT.failure;
    }
  });
}

function readDataFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read --file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function updatedLines(view: PriceDataView): string[] {
  const stored = view.stored!;
  return [
    `Prices updated: ${stored.providers} providers from ${stored.origin}, dated ${stored.date}.`,
    `New requests are priced with ${view.source}; requests already in the ledger keep the prices they were charged at.`,
  ];
}
