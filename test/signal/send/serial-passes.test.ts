// SerialPasses: what the outbox sender and the attachment fetcher rely on. Kicks while a pass
// runs are folded into one more pass (nothing added meanwhile is missed), passes never overlap,
// and a stopped runner starts nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialPasses } from '../../../src-main/signal/send/serial-passes.js';

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

test('kicks during a pass make exactly one more pass, never a second one at the same time', async () => {
  let passes = 0;
  let concurrent = 0;
  let most = 0;
  const first = gate();
  let settled = 0;
  const runner = new SerialPasses({
    pass: async () => {
      passes++;
      concurrent++;
      most = Math.max(most, concurrent);
      if (passes === 1) await first.wait;
      concurrent--;
      return false;
    },
    active: () => true,
    settled: () => settled++,
  });
  runner.kick();
  runner.kick();
  runner.kick();
  first.open();
  await runner.idle();
  assert.equal(passes, 2);
  assert.equal(most, 1);
  assert.equal(settled, 1, 'settled once, after the last pass of the run');
  runner.kick();
  await runner.idle();
  assert.equal(passes, 3, 'a later kick starts a new run');
});

test('a pass that reports more work is followed by another; a stopped runner starts and repeats nothing', async () => {
  let waiting = 3;
  let active = true;
  let passes = 0;
  const runner = new SerialPasses({
    pass: async () => {
      passes++;
      waiting--;
      return waiting > 0;
    },
    active: () => active,
  });
  runner.kick();
  await runner.idle();
  assert.equal(passes, 3, 'until nothing is waiting');

  waiting = 10;
  const slow = gate();
  const stopping = new SerialPasses({
    pass: async () => {
      passes++;
      await slow.wait;
      return true;
    },
    active: () => active,
  });
  passes = 0;
  stopping.kick();
  active = false;
  slow.open();
  await stopping.idle();
  assert.equal(passes, 1, 'no pass after the stop, though more was waiting');
  stopping.kick();
  await stopping.idle();
  assert.equal(passes, 1, 'a kick after the stop does nothing');
});
