// Disappearing messages on the computer's disk: with a timer set on the phone, the owner's
// message (once handled), the reply and its copy in the send log are deleted from the database
// when the timer runs out, on the schedule (a clock pushed forward) and after a restart. A chat
// without a timer keeps everything; a message not handled yet is never deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src-main/store/database.js';
import { sendNoteToSelf, startMockSignal } from '../helpers/mock-signal.js';
import { OffsetClock } from '../helpers/offset-clock.js';
import { createSignalService, linkSignalService, waitForInbound, waitForSent, waitForState } from '../helpers/signal-service.js';

const MINUTE = 60;

/** Whether `text` is anywhere in the stored messages (inbox events, outbox payloads, send log). */
function onDisk(store: Store, text: string): string[] {
  const where: string[] = [];
  if (store.db.prepare('SELECT 1 FROM signal_inbox WHERE event LIKE ?').get([`%${text}%`])) where.push('inbox');
  if (store.db.prepare('SELECT 1 FROM signal_outbox WHERE payload LIKE ?').get([`%${text}%`])) where.push('outbox');
  const log = store.db.prepare('SELECT content FROM signal_send_log').all<{ content: Uint8Array<ArrayBuffer> }>();
  if (log.some((r) => Buffer.from(r.content).includes(text))) where.push('send log');
  return where;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('with a timer set on the phone, the message and the reply are deleted from the disk when it runs out', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { service, store, device } = await linkSignalService(t, mock, { clock });
  await sendNoteToSelf(mock.phone, device, { body: 'no timer here', expireTimer: 0 }, Date.now());
  const kept = await waitForInbound(service, (e) => e.type === 'message' && e.body === 'no timer here');
  store.transaction(() => service.markHandled(kept.inboxId));
  await sendNoteToSelf(mock.phone, device, { body: 'secret instruction', expireTimer: 5 * MINUTE, expireTimerVersion: 2 }, Date.now());
  const event = await waitForInbound(service, (e) => e.type === 'message' && e.body === 'secret instruction');
  const reply = service.send({ to: { kind: 'note-to-self' }, body: 'secret answer' });
  await mock.phone.waitForMessage();
  await waitForSent(service, reply.outboxId);
  assert.deepEqual(onDisk(store, 'secret answer'), ['outbox', 'send log']);

  clock.advance(6 * MINUTE * 1000);
  // Not handled yet (say the app was busy): the owner's message is kept until it is.
  assert.deepEqual(onDisk(store, 'secret instruction'), ['inbox']);
  assert.deepEqual(onDisk(store, 'secret answer'), [], 'the reply went on the schedule');
  store.transaction(() => service.markHandled(event.inboxId));
  await until(() => onDisk(store, 'secret instruction').length === 0, 'the handled message to be deleted');
  assert.deepEqual(onDisk(store, 'no timer here'), ['inbox'], 'a message without a timer stays');
  assert.equal(service.outboxStatus(reply.outboxId)?.status, 'sent', 'the row itself stays (status, repeat detection)');
});

test('bodies that fell due while the app was off are deleted when it starts again', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { service, store, device } = await linkSignalService(t, mock, { clock });
  await sendNoteToSelf(mock.phone, device, { body: 'before the restart', expireTimer: MINUTE, expireTimerVersion: 1 }, Date.now());
  const event = await waitForInbound(service, (e) => e.type === 'message' && e.body === 'before the restart');
  store.transaction(() => service.markHandled(event.inboxId));
  const reply = service.send({ to: { kind: 'note-to-self' }, body: 'answered before the restart' });
  await mock.phone.waitForMessage();
  await waitForSent(service, reply.outboxId);
  await service.stop();
  assert.deepEqual(onDisk(store, 'before the restart'), ['inbox', 'outbox', 'send log']);

  clock.advance(2 * MINUTE * 1000);
  const again = createSignalService(t, mock, { store, clock });
  await again.start();
  await waitForState(again, 'connected');
  assert.deepEqual(onDisk(store, 'before the restart'), []);
});
