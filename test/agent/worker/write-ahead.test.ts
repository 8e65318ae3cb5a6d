import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoredSteps } from '../../../src-main/agent/worker/write-ahead.js';

test('a tool waits until its tool_start step is confirmed stored; later confirmations cover earlier steps', async () => {
  const stored = new StoredSteps();
  const order: string[] = [];
  const controller = new AbortController();
  const five = stored.wait(5, controller.signal).then(() => order.push('5 stored'));
  const seven = stored.wait(7, controller.signal).then(() => order.push('7 stored'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], 'nothing runs before the main process confirmed');
  stored.confirm(6);
  await five;
  assert.deepEqual(order, ['5 stored']);
  stored.confirm(7);
  await seven;
  await stored.wait(3, controller.signal); // already stored: at once
  assert.deepEqual(order, ['5 stored', '7 stored']);
});

test('stopping the turn ends the wait (the caller then records the call as cancelled)', async () => {
  const stored = new StoredSteps();
  const controller = new AbortController();
  const waiting = stored.wait(1, controller.signal);
  controller.abort();
  await waiting;
  assert.equal(controller.signal.aborted, true);
});
