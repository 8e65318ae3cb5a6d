// Prices per model (USD per million tokens) and the cost of a request's usage. Cache writes
// (5-minute lifetime) and cache reads are priced apart from plain input, per model (reads are
// 0.1× input on most models, less on newer ones). Model ids with a date suffix
// ("claude-sonnet-4-5-20250929") match by prefix.
import { z } from 'zod';

export const UsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative(),
  cache_read_input_tokens: z.number().int().nonnegative(),
  /** Anthropic web searches made (server tool), billed per search. */
  web_search_requests: z.number().int().nonnegative().optional(),
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
    ...(a.web_search_requests || b.web_search_requests ? { web_search_requests: (a.web_search_requests ?? 0) + (b.web_search_requests ?? 0) } : {}),
  };
}

/** Anthropic's web search: USD 10 per 1,000 searches, on top of the tokens its results add. */
export const WEB_SEARCH_USD = 0.01;

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
  /** Some models bill a whole request at higher rates when its prompt is long. */
  readonly longPrompt?: { readonly overTokens: number; readonly price: ModelPrice };
}

function price(input: number, output: number, cacheWrite: number, cacheRead: number): ModelPrice {
  return { input, output, cacheWrite, cacheRead };
}

// From Anthropic's pricing page (USD per million tokens). Longest prefix wins, so
// "claude-opus-4-5" is found before "claude-opus-4". Unknown models cost "unknown", not 0.
const PRICES: ReadonlyArray<readonly [prefix: string, price: ModelPrice]> = [
  ['claude-fable-5-1', price(10, 50, 12.5, 0.25)],
  ['claude-mythos-5-1', price(10, 50, 12.5, 0.25)],
  ['claude-fable-5', price(10, 50, 12.5, 1)],
  ['claude-mythos-5', price(10, 50, 12.5, 1)],
  ['claude-opus-5-5', price(4, 20, 5, 0.2)],
  ['claude-opus-5', price(5, 25, 6.25, 0.5)],
  ['claude-opus-4-8', price(5, 25, 6.25, 0.5)],
  ['claude-opus-4-7', price(5, 25, 6.25, 0.5)],
  ['claude-opus-4-6', price(5, 25, 6.25, 0.5)],
  ['claude-opus-4-5', price(5, 25, 6.25, 0.5)],
  ['claude-opus-4-1', price(15, 75, 18.75, 1.5)],
  ['claude-opus-4', price(15, 75, 18.75, 1.5)],
  ['claude-sonnet-5-5', price(2, 10, 2.5, 0.1)],
  ['claude-sonnet-5', price(2, 10, 2.5, 0.2)],
  ['claude-sonnet-4', price(3, 15, 3.75, 0.3)],
  ['claude-3-7-sonnet', price(3, 15, 3.75, 0.3)],
  ['claude-haiku-5-5', { ...price(0.1, 0.5, 0.125, 0.01), longPrompt: { overTokens: 100_000, price: price(0.5, 2.5, 0.625, 0.05) } }],
  ['claude-haiku-4-5', price(1, 5, 1.25, 0.1)],
  ['claude-3-5-haiku', price(0.8, 4, 1, 0.08)],
  ['claude-3-haiku', price(0.25, 1.25, 0.3, 0.03)],
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
  const base = priceFor(model);
  if (!base) return undefined;
  const p = base.longPrompt && totalInputTokens(usage) > base.longPrompt.overTokens ? base.longPrompt.price : base;
  const micro =
    usage.input_tokens * p.input +
    usage.output_tokens * p.output +
    usage.cache_creation_input_tokens * p.cacheWrite +
    usage.cache_read_input_tokens * p.cacheRead;
  return micro / 1_000_000 + (usage.web_search_requests ?? 0) * WEB_SEARCH_USD;
}

/**
 * The models the owner picks from (/model on the phone, Preferences in the app): the current
 * model of each family, priced from the table above. Any other id the table prices (a dated
 * snapshot, an older model) can still be typed in full.
 */
const CHOICES = [
  'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-1', 'claude-mythos-5-1',
  'claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5',
] as const;

export interface ModelChoice {
  readonly id: string;
  /** USD per million input and output tokens (plain input; cache reads cost less). */
  readonly inputUsd: number;
  readonly outputUsd: number;
}

export function modelChoices(): ModelChoice[] {
  return CHOICES.map((id) => {
    const p = priceFor(id);
    if (!p) throw new Error(`No price for the model choice ${id}`); // a table edit gone wrong; caught by tests
    return { id, inputUsd: p.input, outputUsd: p.output };
  });
}

/** A model id the owner typed: one of the choices, or an id the price table knows ("claude-opus-4-1"). */
export function knownModel(typed: string): string | undefined {
  const id = typed.trim().toLowerCase();
  if (!/^claude-[a-z0-9.-]+$/.test(id)) return undefined;
  return priceFor(id) ? id : undefined;
}
