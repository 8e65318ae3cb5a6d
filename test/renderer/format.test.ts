// Times and money as the views say them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopwatch } from '../../src-renderer/format.js';

test('stopwatch: minutes and seconds, hours once past the hour, never negative', () => {
  assert.equal(stopwatch(0), '0:00');
  assert.equal(stopwatch(7_900), '0:07');
  assert.equal(stopwatch(12 * 60_000 + 30_000), '12:30');
  assert.equal(stopwatch(3_725_000), '1:02:05');
  assert.equal(stopwatch(-5_000), '0:00', 'a clock slightly behind the computer shows zero');
});
