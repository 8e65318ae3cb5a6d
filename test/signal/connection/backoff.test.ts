import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, RECONNECT_BACKOFF } from '../../../src-main/signal/connection/backoff.js';

test('reconnect delays grow exponentially, stay capped, and are jittered between half and all of the step', () => {
  const low = (attempt: number) => backoffDelay(RECONNECT_BACKOFF, attempt, () => 0);
  const high = (attempt: number) => backoffDelay(RECONNECT_BACKOFF, attempt, () => 0.999999);
  assert.deepEqual([0, 1, 2, 3].map(low), [500, 1000, 2000, 4000]);
  assert.deepEqual([0, 1, 2, 3].map(high), [1000, 2000, 4000, 8000]);
  assert.equal(high(20), RECONNECT_BACKOFF.maxMs);
  assert.equal(low(1000), RECONNECT_BACKOFF.maxMs / 2, 'no overflow for huge attempt counts');
});
