// Cost per turn from the price table: plain input, output, cache writes and cache reads each
// at their own price; dated model ids match their family; unknown models are "unknown".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUsage, costOf, priceFor } from '../../src-main/agent/pricing.js';

const usage = (input: number, output: number, write: number, read: number) => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: write,
  cache_read_input_tokens: read,
});

test('cache writes and reads are priced separately from plain input', () => {
  // Sonnet 4.6: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million.
  const cost = costOf('claude-sonnet-4-6', usage(1_000_000, 100_000, 200_000, 2_000_000)) as number;
  assert.ok(Math.abs(cost - (3 + 1.5 + 0.75 + 0.6)) < 1e-9, String(cost));
});

test('a cached turn costs far less than the same input uncached', () => {
  const uncached = costOf('claude-opus-4-6', usage(100_000, 1000, 0, 0)) as number;
  const cached = costOf('claude-opus-4-6', usage(2_000, 1000, 1_000, 97_000)) as number;
  assert.ok(cached < uncached / 3);
});

test('dated ids match their family; longer prefixes win', () => {
  assert.deepEqual(priceFor('claude-sonnet-4-5-20250929'), priceFor('claude-sonnet-4-5'));
  assert.equal(priceFor('claude-opus-4-5')?.input, 5);
  assert.equal(priceFor('claude-opus-4-1')?.input, 15);
  assert.equal(priceFor('claude-opus-5-5')?.input, 4);
});

test('Haiku 5.5 bills a long prompt at its higher rates', () => {
  const short = costOf('claude-haiku-5-5', usage(50_000, 0, 0, 0)) as number;
  const long = costOf('claude-haiku-5-5', usage(150_000, 0, 0, 0)) as number;
  assert.ok(Math.abs(short - 0.005) < 1e-12);
  assert.ok(Math.abs(long - 0.075) < 1e-12);
});

test('unknown models have unknown cost, not zero', () => {
  assert.equal(costOf('my-local-model', usage(10, 10, 0, 0)), undefined);
});

test('web searches cost $10 per 1,000 on top of the tokens, and add up over a turn', () => {
  const tokens = costOf('claude-sonnet-4-6', usage(1_000_000, 0, 0, 0)) as number;
  const searched = costOf('claude-sonnet-4-6', { ...usage(1_000_000, 0, 0, 0), web_search_requests: 3 }) as number;
  assert.ok(Math.abs(searched - tokens - 0.03) < 1e-9, String(searched));
  assert.equal(addUsage({ ...usage(1, 1, 0, 0), web_search_requests: 2 }, { ...usage(1, 1, 0, 0), web_search_requests: 1 }).web_search_requests, 3);
  assert.equal(addUsage(usage(1, 1, 0, 0), usage(1, 1, 0, 0)).web_search_requests, undefined, 'no field when nothing was searched');
});
