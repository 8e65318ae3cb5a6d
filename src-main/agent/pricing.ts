// Prices per model (USD per million tokens) and the cost of a request's usage. Cache writes
// (5-minute lifetime, 1.25× input) and cache reads (0.1× input) are priced apart from plain
// input. Model ids with a date suffix ("claude-sonnet-4-5-20250929") match by prefix.
import { z } from 'zod';

export const UsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative(),
  cache_read_input_tokens: z.number().int().nonnegative(),
});
/** Token counts of one or more requests, with the cache fields always present. */
export type Usage = z.infer<typeof UsageSchema>;

export const ZERO_USAGE: Usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_creation_input_tokens: a.cache_creation_input_tokens + b.cache_creation_input_tokens,
    cache_read_input_tokens: a.cache_read_input_tokens + b.cache_read_input_tokens,
  };
}

/** All input the model read for a request: plain + written to cache + read from cache. */
export function totalInputTokens(u: Usage): number {
  return u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
}

export interface ModelPrice {
  /** USD per million plain input tokens. */
  readonly input: number;
  readonly output: number;
  /** Writing a 5-minute cache entry. */
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

function price(input: number, output: number): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 };
}

// Longest prefix wins, so "claude-opus-4-5" is found before "claude-opus-4".
const PRICES: ReadonlyArray<readonly [prefix: string, price: ModelPrice]> = [
  ['claude-opus-4-5', price(5, 25)],
  ['claude-opus-4-1', price(15, 75)],
  ['claude-opus-4', price(15, 75)],
  ['claude-sonnet-4-5', price(3, 15)],
  ['claude-sonnet-4', price(3, 15)],
  ['claude-3-7-sonnet', price(3, 15)],
  ['claude-haiku-4-5', price(1, 5)],
  ['claude-3-5-haiku', price(0.8, 4)],
  ['claude-3-haiku', price(0.25, 1.25)],
];

export function priceFor(model: string): ModelPrice | undefined {
  let best: readonly [string, ModelPrice] | undefined;
  for (const entry of PRICES) {
    if (model.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** Cost in USD, or undefined for a model missing from the table (reported as "unknown"). */
export function costOf(model: string, usage: Usage): number | undefined {
  const p = priceFor(model);
  if (!p) return undefined;
  const micro =
    usage.input_tokens * p.input +
    usage.output_tokens * p.output +
    usage.cache_creation_input_tokens * p.cacheWrite +
    usage.cache_read_input_tokens * p.cacheRead;
  return micro / 1_000_000;
}
