// The system clock's timers: a wait longer than Node's longest timer (about 24.8 days, e.g. a
// server's Retry-After of weeks) must not fire at once, which Node does with such a delay. The
// clock's timers never keep the process alive, so the test waits on a plain timer of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src-main/shared/clock.js';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('a timer weeks ahead does not fire at once', async () => {
  const fired: string[] = [];
  const weeks = systemClock.setTimeout(() => fired.push('in 40 days'), 40 * 24 * 60 * 60 * 1000);
  systemClock.setTimeout(() => fired.push('in 10 ms'), 10);
  await pause(50);
  weeks.cancel();
  assert.deepEqual(fired, ['in 10 ms']);
});

test('a timer fires once after its wait, and not at all once cancelled', async () => {
  const fired: string[] = [];
  systemClock.setTimeout(() => fired.push('due'), 5);
  systemClock.setTimeout(() => fired.push('cancelled'), 5).cancel();
  await pause(50);
  assert.deepEqual(fired, ['due']);
});
