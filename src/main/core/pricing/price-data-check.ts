import type { Provider } from '@pydantic/genai-prices';
import { z } from 'zod';

/**
 * The shape of genai-prices' data file (prices/new_data/v2/data.json: an array of providers), as
 * far as Tallychat reads it. Keys we do not use pass through untouched for the package.
 */
const matchLogic: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string() }).passthrough(),
    z.object({ starts_with: z.string() }).passthrough(),
    z.object({ ends_with: z.string() }).passthrough(),
    z.object({ contains: z.string() }).passthrough(),
    z.object({ regex: z.string() }).passthrough(),
    z.object({ or: z.array(matchLogic).min(1) }).passthrough(),
    z.object({ and: z.array(matchLogic).min(1) }).passthrough(),
  ]),
);

/** USD per unit: finite, not negative, and under a bound no real price comes near (sanity, not taste). */
const MAX_USD_PER_UNIT = 10_000;
const usd = z.number().finite().nonnegative().max(MAX_USD_PER_UNIT);
const priceValue = z.union([usd, z.object({ base: usd, tiers: z.array(z.object({ start: z.number().int().nonnegative(), price: usd })) })]);
const modelPrice = z.record(z.string(), priceValue);
const constraint = z.union([
  z.object({ start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).passthrough(),
  z.object({ start_time: z.string(), end_time: z.string() }).passthrough(),
]);
const modelInfo = z
  .object({
    id: z.string().min(1),
    match: matchLogic,
    prices: z.union([modelPrice, z.array(z.object({ prices: modelPrice, constraint: constraint.optional() })).min(1)]),
  })
  .passthrough();
const provider = z
  .object({ id: z.string().min(1), name: z.string().min(1), api_pattern: z.string(), models: z.array(modelInfo) })
  .passthrough();

/**
 * The catalog providers Tallychat prices its provider kinds with. A file missing any of them is
 * not a newer catalog but a damaged or foreign one: using it would leave those models unpriced.
 */
export const REQUIRED_PROVIDERS = ['openai', 'anthropic', 'google', 'openrouter', 'x-ai', 'mistral', 'perplexity'] as const;

export class PriceDataError extends Error {}

/** Parses and checks a price data file; throws PriceDataError with a message a user can act on. */
export function checkPriceData(text: string): Provider[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PriceDataError(`The price data is not complete JSON (a truncated download?): ${reason}`);
  }
  if (!Array.isArray(json)) throw new PriceDataError('The price data is not a list of providers: this is not a genai-prices data file.');
  const parsed = z.array(provider).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new PriceDataError(`The price data is malformed at ${where || 'the top level'}: ${issue?.message ?? 'unknown problem'}.`);
  }
  const providers = parsed.data as unknown as Provider[];
  const missing = REQUIRED_PROVIDERS.filter((id) => !providers.some((p) => p.id === id && p.models.length > 0));
  if (missing.length > 0) {
    throw new PriceDataError(`The price data has no models for ${missing.join(', ')}: refusing a file that would leave them unpriced.`);
  }
  for (const p of providers) checkPattern(p.api_pattern, p.id);
  return providers;
}

function checkPattern(pattern: string, providerId: string): void {
  try {
    new RegExp(pattern);
  } catch {
    throw new PriceDataError(`The price data's host pattern for ${providerId} is not a valid regular expression.`);
  }
}
