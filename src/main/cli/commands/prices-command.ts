import { parseArgs } from 'node:util';
import {
  formatUsd,
  MoneyRangeError,
  nanodollars,
  parseEnteredUsd,
  pricePerCall,
  pricePerMTok,
  type NanodollarsPerCall,
  type NanodollarsPerMTok,
} from '../../../shared/money';
import type { CatalogPrice, PriceInForce, PriceOverride, TokenPrices, UnitPrices } from '../../core/settings-admin/price-settings';
import { wallClockAt } from '../../core/time/zoned-calendar';
import { SEARCH_CONTEXT_SIZES } from '../../../shared/usage';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { refusalsAsUsage, withCore } from '../with-core';
import { PRICES_UPDATE_USAGE, updatePrices } from './prices-update';

const USAGE = [
  'tallychat prices show MODEL [--provider ID|KIND] [--data-dir DIR]',
  '       tallychat prices set --provider ID --model MODEL --input USD_PER_MTOK --output USD_PER_MTOK',
  '                            [--cache-read USD_PER_MTOK] [--cache-write USD_PER_MTOK] [--cache-write-1h USD_PER_MTOK]',
  '                            [--request-fee USD_PER_CALL] [--web-search-fee USD_PER_CALL] [--from YYYY-MM-DD] [--data-dir DIR]',
  `       ${PRICES_UPDATE_USAGE}`,
].join('\n');

export const pricesCommand: CliCommand = {
  name: 'prices',
  summary: "Show a model's price (catalog and your own), set your own price from a date, update the catalog's data",
  usage: USAGE,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'show') return showPrices(rest, io);
    if (subcommand === 'set') return setPrice(rest, io);
    if (subcommand === 'update') return updatePrices(rest, io);
    throw new CliUsageError(subcommand === undefined ? 'say what to do: show, set or update' : `unknown subcommand "${subcommand}": use show, set or update`);
  },
};

async function showPrices(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { provider: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new CliUsageError('give exactly one model name, e.g. gpt-4o');
  const model = positionals[0]!;

  return withCore(values['data-dir'], io, (core) => {
    const timeZone = core.settings.get('timeZone');
    const lookup = refusalsAsUsage(() => core.services.prices.lookup(model, values.provider));
    const { target, catalog, overrides } = lookup;
    const where = target ? ` on ${target.name}` : '';
    if (!catalog && overrides.length === 0) {
      io.stderr(
        `tallychat prices: no price is known for ${model}${where}: its requests are metered in tokens with cost "price unknown". ` +
          `Add one with \`tallychat prices set --provider ${target?.providerId ?? 'ID'} --model ${model} --input USD_PER_MTOK --output USD_PER_MTOK\`.\n`,
      );
      return EXIT.failure;
    }

    const lines = [target ? `${model} on ${target.name} (provider "${target.providerId}")` : `${model} (any provider; --provider picks one)`];
    lines.push(...catalogLines(model, catalog));
    if (overrides.length > 0) {
      lines.push(`Your prices (times in ${timeZone}):`);
      for (const o of overrides) {
        const provider = target ? '' : ` on provider "${o.providerId}"`;
        lines.push(`  from ${localTime(o.effectiveFrom, timeZone)}${provider}: ${priceText(overridePrices(o))}  [id ${o.id}]`);
      }
    }
    for (const { providerId, price } of lookup.inForce) {
      lines.push(inForceLine(price, target ? '' : ` on provider "${providerId}"`, timeZone));
    }
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

async function setPrice(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      provider: { type: 'string' },
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      'cache-read': { type: 'string' },
      'cache-write': { type: 'string' },
      'cache-write-1h': { type: 'string' },
      'request-fee': { type: 'string' },
      'web-search-fee': { type: 'string' },
      from: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (!values.provider) throw new CliUsageError('--provider is required (a configured provider id or a provider kind)');
  if (!values.model?.trim()) throw new CliUsageError('--model is required');
  if (values.input === undefined || values.output === undefined) {
    throw new CliUsageError('--input and --output are required, in US dollars per million tokens (e.g. --input 2.50 --output 10)');
  }
  const model = values.model;
  const prices = {
    input: parsePrice('--input', values.input),
    output: parsePrice('--output', values.output),
    cacheRead: values['cache-read'] === undefined ? null : parsePrice('--cache-read', values['cache-read']),
    cacheWrite: values['cache-write'] === undefined ? null : parsePrice('--cache-write', values['cache-write']),
    cacheWrite1h: values['cache-write-1h'] === undefined ? null : parsePrice('--cache-write-1h', values['cache-write-1h']),
    request: values['request-fee'] === undefined ? null : parseFee('--request-fee', values['request-fee']),
    webSearch: values['web-search-fee'] === undefined ? null : parseFee('--web-search-fee', values['web-search-fee']),
  };
  const effectiveDay = values.from === undefined ? undefined : checkLocalDate(values.from);
  const providerId = values.provider;

  return withCore(values['data-dir'], io, (core) => {
    const timeZone = core.settings.get('timeZone');
    const { override, target } = refusalsAsUsage(() => core.services.prices.setOverride({ providerId, model, prices, effectiveDay }));
    const inForce = core.services.prices.lookup(model, target.providerId).inForce[0]!.price;
    io.stdout(
      `Your price for ${model} on ${target.name} from ${localTime(override.effectiveFrom, timeZone)} (${timeZone}): ` +
        `${priceText(overridePrices(override))}  [id ${override.id}]\n` +
        `${inForceLine(inForce, '', timeZone)}\n` +
        'Requests already in the ledger keep the prices they were charged at.\n',
    );
    return EXIT.ok;
  });
}

function catalogLines(model: string, catalog: CatalogPrice | undefined): string[] {
  if (!catalog) return [`Catalog: no price for ${model}.`];
  if (catalog.source === 'local') return ['Catalog: a local model, free (still metered in tokens).'];
  const lines = [`Catalog ${catalog.source} (${catalog.providerId} ${catalog.catalogModelId}): ${priceText(catalog.prices)}`];
  for (const tier of catalog.prices.tiers ?? []) {
    lines.push(`  above ${tier.startsAboveInputTokens.toLocaleString('en-US')} input tokens: ${priceText(tier)}`);
  }
  return lines;
}

/** What a request made now would be charged at: the same resolution the chat path uses. */
function inForceLine(price: PriceInForce, where: string, timeZone: string): string {
  switch (price.kind) {
    case 'none':
      return where ? `In force now${where}: none ("price unknown").` : 'In force now: none, so requests are metered in tokens with cost "price unknown".';
    case 'override':
      return `In force now${where}: your price from ${localTime(price.override.effectiveFrom, timeZone)}.`;
    case 'local':
      return `In force now${where}: free (a local model).`;
    case 'catalog':
      return `In force now${where}: the catalog's (${price.source}).`;
  }
}

function overridePrices(o: PriceOverride): UnitPrices {
  const calls = {
    ...(o.request !== null ? { request: o.request } : {}),
    ...(o.webSearch !== null ? { webSearch: o.webSearch } : {}),
  };
  return {
    input: o.input,
    output: o.output,
    ...(o.cacheRead !== null ? { cacheRead: o.cacheRead } : {}),
    ...(o.cacheWrite !== null ? { cacheWrite: o.cacheWrite } : {}),
    ...(o.cacheWrite1h !== null ? { cacheWrite1h: o.cacheWrite1h } : {}),
    ...(Object.keys(calls).length > 0 ? { calls } : {}),
  };
}

/**
 * A missing cache price is charged at the input price (computeCost), and is shown so. The 1-hour
 * write price and the per-call fees are named only where a price list has them.
 */
function priceText(p: UnitPrices | TokenPrices): string {
  const calls = 'calls' in p ? p.calls : undefined;
  const bySize = calls?.requestBySearchContext;
  return [
    `input ${perMTok(p.input)}`,
    `output ${perMTok(p.output)}`,
    `cache read ${p.cacheRead === undefined ? 'as input' : perMTok(p.cacheRead)}`,
    `cache write ${p.cacheWrite === undefined ? 'as input' : perMTok(p.cacheWrite)}`,
    ...(p.cacheWrite1h !== undefined ? [`1-hour cache write ${perMTok(p.cacheWrite1h)}`] : []),
    ...(bySize
      ? [`request fee by search context ${SEARCH_CONTEXT_SIZES.map((size) => `${size} ${perCall(bySize[size])}`).join(', ')}`]
      : calls?.request !== undefined
        ? [`request fee ${perCall(calls.request)}`]
        : []),
    ...(calls?.webSearch !== undefined ? [`web search ${perCall(calls.webSearch)}`] : []),
  ].join(' · ');
}

/** Exact dollars per call: $0.012/request. */
function perCall(price: NanodollarsPerCall): string {
  return `$${formatUsd(nanodollars(price)).replace(/(\.\d{2}\d*?)0+$/, '$1')}/call`;
}

/** Exact dollars per million tokens from the integer: $2.50/MTok, $0.01875/MTok (no rounding). */
function perMTok(price: NanodollarsPerMTok): string {
  return `$${formatUsd(nanodollars(price)).replace(/(\.\d{2}\d*?)0+$/, '$1')}/MTok`;
}

function localTime(instantMs: number, timeZone: string): string {
  const w = wallClockAt(instantMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

function parseFee(flag: string, text: string): NanodollarsPerCall {
  try {
    const value = parseEnteredUsd(text);
    if (value < 0) throw new CliUsageError(`${flag} cannot be negative, got "${text}"`);
    return pricePerCall(value);
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new CliUsageError(`${flag} takes US dollars per call with at most 9 decimals (e.g. 0.005), got "${text}"`);
  }
}

function parsePrice(flag: string, text: string): NanodollarsPerMTok {
  try {
    // USD per MTok parsed as dollars gives nano-dollars per MTok: the same integer, exactly.
    const value = parseEnteredUsd(text);
    if (value < 0) throw new CliUsageError(`${flag} cannot be negative, got "${text}"`);
    return pricePerMTok(value);
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new CliUsageError(`${flag} takes US dollars per million tokens with at most 9 decimals, below 9,000,000 (e.g. 2.50), got "${text}"`);
  }
}

/** The date as the user typed it, once it is a real calendar date; the price service places it in the time zone. */
function checkLocalDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!m || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new CliUsageError(`--from takes a calendar date as YYYY-MM-DD (e.g. 2026-11-01), got "${text}"`);
  }
  return text;
}
