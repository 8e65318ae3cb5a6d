// The one limiter shared by all sessions: it pauses everyone on 429/529 for as long as the
// server says, backs off exponentially when it does not say, and holds requests when the
// rate-limit headers report an exhausted window until that window resets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRetryAfter, RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { FakeClock, flush } from '../../helpers/fake-clock.js';

function tracker(limiter: RateLimiter, estimate = 100, signal = new AbortController().signal) {
  const state = { granted: false, rejected: false };
  limiter.acquire(estimate, signal).then(
    () => (state.granted = true),
    () => (state.rejected = true),
  );
  return state;
}

describe('RateLimiter', () => {
  test('grants at once when nothing limits', async () => {
    const limiter = new RateLimiter({ clock: new FakeClock() });
    const a = tracker(limiter);
    await flush();
    assert.equal(a.granted, true);
  });

  test('a 429 with retry-after pauses every session for that long', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    limiter.report({ status: 429, headers: { 'retry-after': '3' } });
    const sessionA = tracker(limiter);
    const sessionB = tracker(limiter);
    await clock.advanceSettling(2900);
    assert.equal(sessionA.granted || sessionB.granted, false);
    await clock.advanceSettling(200);
    assert.equal(sessionA.granted && sessionB.granted, true);
  });

  test('529 without retry-after backs off exponentially, and a success resets it', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, baseBackoffMs: 1000 });
    limiter.report({ status: 529, headers: {} });
    assert.equal(limiter.snapshot().pausedForMs, 1000);
    await clock.advanceSettling(1000);
    limiter.report({ status: 529, headers: {} });
    assert.equal(limiter.snapshot().pausedForMs, 2000);
    await clock.advanceSettling(2000);
    limiter.report({ status: 200, headers: {} });
    limiter.report({ status: 529, headers: {} });
    assert.equal(limiter.snapshot().pausedForMs, 1000);
  });

  test('an exhausted request window holds requests until its reset time', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const reset = new Date(clock.now() + 5000).toISOString();
    limiter.report({
      status: 200,
      headers: { 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '1', 'anthropic-ratelimit-requests-reset': reset },
    });
    const first = tracker(limiter);
    const second = tracker(limiter);
    await flush();
    assert.equal(first.granted, true, 'one request was left in the window');
    assert.equal(second.granted, false);
    await clock.advanceSettling(5000);
    assert.equal(second.granted, true);
  });

  test('input-token windows hold a request bigger than what remains', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const reset = new Date(clock.now() + 10_000).toISOString();
    limiter.report({
      status: 200,
      headers: { 'anthropic-ratelimit-input-tokens-limit': '100000', 'anthropic-ratelimit-input-tokens-remaining': '5000', 'anthropic-ratelimit-input-tokens-reset': reset },
    });
    const small = tracker(limiter, 4000);
    const big = tracker(limiter, 20_000);
    await flush();
    assert.equal(small.granted, true);
    assert.equal(big.granted, false);
    await clock.advanceSettling(10_000);
    assert.equal(big.granted, true);
  });

  test('a waiting request that is cancelled is dropped without blocking the queue', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    limiter.report({ status: 429, headers: { 'retry-after': '1' } });
    const controller = new AbortController();
    const cancelled = tracker(limiter, 100, controller.signal);
    const other = tracker(limiter);
    controller.abort();
    await flush();
    assert.equal(cancelled.rejected, true);
    await clock.advanceSettling(1000);
    assert.equal(other.granted, true);
    assert.equal(limiter.snapshot().waiting, 0);
  });

  test('retry-after forms: seconds, milliseconds, HTTP date', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(parseRetryAfter({ 'retry-after': '2' }, now), 2000);
    assert.equal(parseRetryAfter({ 'retry-after-ms': '150', 'retry-after': '9' }, now), 150);
    assert.equal(parseRetryAfter({ 'retry-after': new Date(now + 4000).toUTCString() }, now), 4000);
    assert.equal(parseRetryAfter({}, now), undefined);
  });
});
