// Disappearing messages: the app learns Note to Self's timer from what the phone sends and sends
// every reply, edit and sync transcript with it. A real phone reads a message without the timer
// as "timer off", so a reply without it would switch off the owner's disappearing messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendNoteToSelf, startMockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, waitForInbound, waitForSent } from '../../helpers/signal-service.js';

const HOUR = 3600;
const TIMER_UPDATE = 2; // DataMessage.Flags.EXPIRATION_TIMER_UPDATE

test('replies, edits and sync transcripts carry the timer the phone set', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  await sendNoteToSelf(mock.phone, device, { body: 'hello', expireTimer: HOUR, expireTimerVersion: 2 }, Date.now());
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'hello');

  const silent = service.send({ to: { kind: 'note-to-self' }, notify: false, body: 'working…' });
  const { syncMessage } = await mock.phone.waitForSyncMessage((e) => e.syncMessage.content?.sent != null);
  await waitForSent(service, silent.outboxId);
  const sent = syncMessage.content?.sent;
  assert.equal(sent?.message?.expireTimer, HOUR);
  assert.equal(sent?.message?.expireTimerVersion, 2);
  assert.equal(Number(sent?.expirationStartTimestamp), silent.timestamp, 'the timer starts when the message is sent');

  const loud = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'done' });
  const message = await mock.phone.waitForMessage();
  await waitForSent(service, loud.outboxId);
  assert.equal(message.dataMessage.expireTimer, HOUR);
  assert.equal(message.dataMessage.expireTimerVersion, 2);

  const edit = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'done, really', edit: { targetSentAt: loud.timestamp } });
  const { editMessage } = await mock.phone.waitForEditMessage();
  await waitForSent(service, edit.outboxId);
  assert.equal(editMessage.dataMessage?.expireTimer, HOUR);
});

test('a timer update from the phone wins; a stale version does not undo it', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const at = Date.now();
  await sendNoteToSelf(mock.phone, device, { flags: TIMER_UPDATE, expireTimer: 600, expireTimerVersion: 3 }, at);
  // Written on a device that had not heard of the change yet: older version, old timer.
  await sendNoteToSelf(mock.phone, device, { body: 'late', expireTimer: HOUR, expireTimerVersion: 2 }, at + 1);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'late');

  const reply = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'ok' });
  const message = await mock.phone.waitForMessage();
  await waitForSent(service, reply.outboxId);
  assert.equal(message.dataMessage.expireTimer, 600);
  assert.equal(message.dataMessage.expireTimerVersion, 3);

  // The owner turns disappearing messages off: replies say so too (timer 0, newer version).
  await sendNoteToSelf(mock.phone, device, { flags: TIMER_UPDATE, expireTimer: 0, expireTimerVersion: 4 }, at + 2);
  await sendNoteToSelf(mock.phone, device, { body: 'after' }, at + 3);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'after');
  const off = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'ok again' });
  const second = await mock.phone.waitForMessage();
  await waitForSent(service, off.outboxId);
  assert.equal(second.dataMessage.expireTimer, 0);
  assert.equal(second.dataMessage.expireTimerVersion, 4);
});
