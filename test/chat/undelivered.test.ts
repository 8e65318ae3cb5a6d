// Replies that could not be delivered, as the owner meets them: a reply to an account Signal
// does not know ends `failed` in the outbox; the app's health says so with the count; when the
// link works again the phone gets one short summary (not one per reconnect, not again after a
// restart); /undelivered lists what, when and why, and listing clears the health problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startProduct } from '../helpers/product.js';
import { waitForState } from '../helpers/signal-service.js';
import type { Daemon } from '../../src-main/daemon/daemon.js';

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const problem = (daemon: Daemon) => daemon.health().problems.find((p) => p.code === 'undelivered');

test('an undelivered reply: health counts it, the phone gets one summary when the link is back, /undelivered lists it', { timeout: 120_000 }, async (t) => {
  const p = await startProduct(t);
  const signal = p.daemon.services.signal;
  assert.equal(problem(p.daemon), undefined);

  // A reply to an account that does not exist: the server refuses it for good (404).
  const { outboxId } = signal.send({ to: { kind: 'direct', aci: randomUUID() }, body: 'The tests pass: 12 of 12.' });
  await until(() => signal.outboxStatus(outboxId)?.status === 'failed', 'the send failed for good');
  assert.equal(problem(p.daemon)?.message, '1 reply could not be delivered to Signal; send /undelivered from the phone to see it.');
  assert.equal(p.daemon.health().ok, false, 'health is degraded');

  // The link drops and comes back: one summary.
  await p.mock.restart(300);
  await waitForState(signal, 'connected');
  // A message is its timestamp: a send repeated after a dropped connection is the same message.
  const summaries = () => [...new Set(p.phone.shown.filter((m) => m.body.startsWith('⚠️')).map((m) => m.timestamp))];
  const summary = await p.phone.waitFor((m) => m.body.includes('could not be delivered'), 'the summary');
  assert.equal(summary.kind, 'notify', 'the phone notifies');
  assert.match(summary.body, /^⚠️ 1 reply could not be delivered \(the first (just now|\d+ min ago)\); send \/undelivered to see it\.$/);

  // Again: nothing new to say.
  await p.mock.restart(300);
  await waitForState(signal, 'connected');
  await p.phone.say('/undelivered');
  const list = await p.phone.waitFor((m) => m.body.includes('newest first'), 'the /undelivered list');
  assert.match(list.body, /^1 reply could not be delivered, newest first:\n• (just now|\d+ min ago): "The tests pass: 12 of 12\." \(.+\)$/);
  assert.deepEqual(summaries(), [summary.timestamp], 'one summary for two reconnects');
  await until(() => problem(p.daemon) === undefined, 'the health problem cleared once listed');

  // After a restart of the app: no summary again, and /undelivered still lists it.
  await p.restart();
  await p.phone.say('/undelivered');
  await p.phone.waitFor((m) => m.body.includes('newest first') && m.timestamp !== list.timestamp, 'the list after a restart');
  assert.deepEqual(summaries(), [summary.timestamp], 'still one summary after a restart');
  assert.equal(problem(p.daemon), undefined);
});

test('/undelivered with nothing missing says so', { timeout: 60_000 }, async (t) => {
  const p = await startProduct(t);
  await p.phone.say('/undelivered');
  await p.phone.waitFor((m) => m.body === 'Every reply was delivered: nothing is missing.', 'the answer');
});
