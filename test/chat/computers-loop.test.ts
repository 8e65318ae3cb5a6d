// Several computers linked to one Signal account never answer each other (issue 16): each one's
// replies reach the others as the owner's own Note-to-Self transcripts, and without the instance
// mark two daemons answered each other thousands of times within seconds. Here two and three real
// daemons are linked to one mock-server phone; after each message from the phone and a quiet
// period, the messages the phone received are counted: one answer per computer that should
// answer, and no growth afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quiet, startComputers, type Computers } from '../helpers/computers.js';

/** Waits until nothing new arrived for `quietMs`, then returns how many messages the phone has (edits aside). */
async function settled(c: Computers, quietMs = 2500): Promise<number> {
  let count = -1;
  for (;;) {
    const before = c.phone.shown.length;
    await quiet(quietMs);
    if (c.phone.shown.length === before) break;
    count = c.phone.shown.length;
  }
  void count;
  return c.phone.shown.filter((m) => m.kind !== 'edit').length;
}

test('two computers: /help and /status are answered once by each, and nothing more follows', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop']);
  await c.phone.say('/help');
  await c.phone.waitFor((m) => m.body.startsWith('Signal Claude'), 'a /help answer');
  const afterHelp = await settled(c);
  assert.equal(c.phone.shown.filter((m) => m.body.startsWith('Signal Claude')).length, 2, 'one /help answer per computer');
  assert.equal(afterHelp, 2);
  await quiet(3000);
  assert.equal(c.phone.shown.filter((m) => m.kind !== 'edit').length, afterHelp, 'no growth after a quiet period');
  t.diagnostic(`two computers, /help: ${afterHelp} messages on the phone`);
});
