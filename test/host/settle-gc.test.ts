// The collection after start-up settles: it really collects (an unreachable object is gone
// afterwards), it leaves no `gc` function behind for code that runs later, and it runs once
// per burst, `delayMs` after the last one, never after the app has cancelled it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { collectGarbage, SettleGc } from '../../src-main/host/settle-gc.js';

test('collectGarbage frees what nothing references, and later contexts get no gc function', async () => {
  let target: object | undefined = { big: new Array(1000).fill('x') };
  const ref = new WeakRef(target);
  target = undefined;
  // A WeakRef keeps its target alive until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(ref.deref(), undefined);
  assert.equal(runInNewContext('typeof gc'), 'undefined');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
});

test('arm collects once, delayMs after the last arm; cancel stops it', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let runs = 0;
  const settle = new SettleGc(20_000, () => runs++);
  settle.arm();
  t.mock.timers.tick(15_000);
  settle.arm(); // another burst (a reconnect): wait again from here
  t.mock.timers.tick(15_000);
  assert.equal(runs, 0);
  t.mock.timers.tick(5_000);
  assert.equal(runs, 1);
  t.mock.timers.tick(60_000);
  assert.equal(runs, 1, 'once per burst, not a periodic job');

  settle.arm();
  settle.cancel();
  t.mock.timers.tick(60_000);
  assert.equal(runs, 1);
});
