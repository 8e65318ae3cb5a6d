// The sender job's routes, seen on the wire (test/helpers/wire-tap.ts): which account each kind
// of message goes to and whether it wakes a phone (presence notes, typing indicators and silent
// transcripts never do; replies that notify do), what is kept for a retry request, when a sent
// body leaves the disk under a disappearing-messages timer, and what Signal's refusals do: a 413
// gives up on the message, a server error retries on the network backoff and does not upload
// the attachment again. Damaged attachment rows fail the message for good; the next one goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src-main/shared/logger.js';
import type { Store } from '../../../src-main/store/database.js';
import { SendLogRepo } from '../../../src-main/store/send-log-repo.js';
import { downloadLikeAPhone } from '../../helpers/phone.js';
import { sendNoteToSelf, startMockSignal } from '../../helpers/mock-signal.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { createSignalService, linkSignalService, openSignalStore, waitForInbound, waitForSent } from '../../helpers/signal-service.js';
import { tapWire, type TappedSend } from '../../helpers/wire-tap.js';

/**
 * What went on the wire for the message sent with `timestamp`: destination, online, urgent, each
 * once (the first send to an account is sent again after the server's 409 names its devices).
 */
const wire = (sends: TappedSend[], timestamp: number) =>
  [...new Set(sends.filter((s) => s.timestamp === timestamp).map(({ destination, online, urgent }) => JSON.stringify({ destination, online, urgent })))].map(
    (s) => JSON.parse(s) as Omit<TappedSend, 'timestamp'>,
  );

/** Whether `text` is still in an outgoing message's stored payload. */
const bodyOnDisk = (store: Store, text: string) => store.db.prepare('SELECT 1 FROM signal_outbox WHERE payload LIKE ?').get([`%${text}%`]) !== undefined;

test('each kind of message takes its route: who gets it, whether a phone is woken, what a retry request can fetch again', async (t) => {
  const mock = await startMockSignal(t);
  const { service, store } = await linkSignalService(t, mock);
  const tap = tapWire(t);
  const owner = mock.phone.device.aci;
  const friend = await mock.createAccount('Friend');
  const them = friend.device.aci;
  const sendLog = new SendLogRepo(store);
  const sent = async (message: Parameters<typeof service.send>[0]) => {
    const result = service.send(message);
    await waitForSent(service, result.outboxId);
    return result.timestamp;
  };

  // Presence (another computer learns this one is here): to the own account, no push.
  const presence = await sent({ to: { kind: 'note-to-self' }, presence: true });
  assert.deepEqual(wire(tap.sends, presence), [{ destination: owner, online: false, urgent: false }]);
  // Typing: to the other account's devices online now, no push; never to Note to Self.
  const typing = await sent({ to: { kind: 'direct', aci: them }, typing: 'started' });
  assert.deepEqual(wire(tap.sends, typing), [{ destination: them, online: true, urgent: false }]);
  const selfTyping = await sent({ to: { kind: 'note-to-self' }, typing: 'started' });
  assert.deepEqual(wire(tap.sends, selfTyping), [], 'nobody to show it to');
  assert.equal(sendLog.find(owner, presence), undefined, 'nothing to ask for again');
  assert.equal(sendLog.find(them, typing), undefined);

  // Note to Self: notifying is a normal message with a push; silent is a transcript without one.
  const loud = await sent({ to: { kind: 'note-to-self' }, notify: true, body: 'done' });
  assert.equal((await mock.phone.waitForMessage()).body, 'done');
  assert.deepEqual(wire(tap.sends, loud), [{ destination: owner, online: false, urgent: true }]);
  const quiet = await sent({ to: { kind: 'note-to-self' }, notify: false, body: 'working' });
  assert.deepEqual(wire(tap.sends, quiet), [{ destination: owner, online: false, urgent: false }]);
  assert.equal(mock.phone.getMessageQueueSize(), 0, 'the silent one is a transcript, not a message');
  assert.equal(sendLog.find(owner, loud)?.urgent, true, 'the phone can ask for it again (and it is resent with a push)');
  assert.equal(sendLog.find(owner, quiet)?.urgent, false);

  // Bot mode: the other account gets it (a push only when it notifies), the owner the transcript.
  const toThem = await sent({ to: { kind: 'direct', aci: them }, notify: true, body: 'hi' });
  assert.equal((await friend.waitForMessage()).body, 'hi');
  const quietToThem = await sent({ to: { kind: 'direct', aci: them }, notify: false, body: 'fyi' });
  assert.equal((await friend.waitForMessage()).body, 'fyi');
  assert.deepEqual(wire(tap.sends, toThem), [{ destination: them, online: false, urgent: true }, { destination: owner, online: false, urgent: false }]);
  assert.deepEqual(wire(tap.sends, quietToThem), [{ destination: them, online: false, urgent: false }, { destination: owner, online: false, urgent: false }]);
  for (const timestamp of [toThem, quietToThem]) {
    assert.ok(sendLog.find(them, timestamp), 'the other account can ask for it again');
    assert.equal(sendLog.find(owner, timestamp)?.urgent, false, 'and the owner\u2019s phone for the transcript');
  }
});

test('with a timer the phone set, a sent body leaves the disk when the timer runs out; with the timer off it stays', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { service, store, device } = await linkSignalService(t, mock, { clock });
  const reply = async (body: string) => {
    const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body });
    assert.equal((await mock.phone.waitForMessage()).body, body);
    await waitForSent(service, outboxId);
  };
  // The owner turned disappearing messages off on the phone (a known timer of 0, not "unknown").
  await sendNoteToSelf(mock.phone, device, { body: 'timer off', expireTimer: 0, expireTimerVersion: 2 }, Date.now());
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'timer off');
  await reply('kept answer');
  await sendNoteToSelf(mock.phone, device, { body: 'timer on', expireTimer: 60, expireTimerVersion: 3 }, Date.now());
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'timer on');
  await reply('disappearing answer');
  assert.equal(bodyOnDisk(store, 'disappearing answer'), true, 'kept until the timer runs out');

  clock.advance(30_000);
  assert.equal(bodyOnDisk(store, 'disappearing answer'), true, 'half the timer: still there');
  clock.advance(31_000);
  assert.equal(bodyOnDisk(store, 'disappearing answer'), false);
  assert.equal(bodyOnDisk(store, 'kept answer'), true, 'the timer was off');
});

test('a message Signal refuses as too large (413) fails for good with a hint; the next one goes', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  tapWire(t, () => (service.outboxStatus(big.outboxId)?.status === 'pending' ? { status: 413 } : undefined));
  const big = service.send({ to: { kind: 'note-to-self' }, body: 'a very large reply' });
  await assert.rejects(waitForSent(service, big.outboxId), /failed: .*too large/);
  const next = service.send({ to: { kind: 'note-to-self' }, body: 'a small one' });
  assert.equal((await mock.phone.waitForMessage()).body, 'a small one');
  await waitForSent(service, next.outboxId);
});

test('a server error retries on the network backoff, and the attachment uploaded before it is not uploaded again', async (t) => {
  const mock = await startMockSignal(t);
  const lines: Array<{ mod?: string; msg: string; waitMs?: number }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  const { service } = await linkSignalService(t, mock, { logger, random: () => 0 });
  let refused = 0;
  const tap = tapWire(t, () => (refused++ === 0 ? { status: 500 } : undefined));
  const patch = Buffer.from('+new line\n'.repeat(100));
  const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body: 'the patch', attachments: [{ data: patch, contentType: 'text/x-patch', fileName: 'a.patch' }] });
  const outboxLines = () => lines.filter((l) => l.mod === 'signal.outbox').map((l) => ({ msg: l.msg, waitMs: l.waitMs }));
  while (outboxLines().length === 0 && service.outboxStatus(outboxId)?.status === 'pending') await new Promise((resolve) => setTimeout(resolve, 20));
  // The first retry of SEND_BACKOFF (random 0: half of 2 s), not the minute a rate limit waits.
  assert.deepEqual(outboxLines(), [{ msg: 'send failed; will retry', waitMs: 1000 }]);
  const message = await mock.phone.waitForMessage();
  await waitForSent(service, outboxId);
  assert.equal(outboxLines().length, 1, 'one refusal, one retry');
  assert.equal(tap.paths.filter((p) => p.startsWith('/v4/attachments/form/upload')).length, 1, 'uploaded once');
  const [pointer] = message.dataMessage.attachments;
  assert.equal(pointer?.fileName, 'a.patch');
  assert.ok((await downloadLikeAPhone(mock, { ...pointer, cdnKey: pointer?.attachmentIdentifier?.cdnKey })).equals(patch));
});

test('an outgoing attachment whose row or data is gone fails its message for good; the next message goes', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const { service } = await linkSignalService(t, mock, { store });
  await service.stop();
  const file = (name: string) => [{ data: Buffer.from(name), contentType: 'text/plain', fileName: name }];
  const noRow = service.send({ to: { kind: 'note-to-self' }, body: 'a', attachments: file('a.txt') });
  const noData = service.send({ to: { kind: 'note-to-self' }, body: 'b', attachments: file('b.txt') });
  store.db.prepare("DELETE FROM signal_attachments WHERE file_name = 'a.txt'").run([]);
  store.db.prepare("UPDATE signal_attachments SET data = NULL WHERE file_name = 'b.txt'").run([]);
  const next = service.send({ to: { kind: 'note-to-self' }, body: 'after them' });

  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  assert.equal((await mock.phone.waitForMessage()).body, 'after them');
  await waitForSent(restarted, next.outboxId);
  assert.equal(restarted.outboxStatus(noRow.outboxId)?.status, 'failed');
  assert.match(restarted.outboxStatus(noRow.outboxId)?.lastError ?? '', /attachment is missing/);
  assert.equal(restarted.outboxStatus(noData.outboxId)?.status, 'failed');
  assert.match(restarted.outboxStatus(noData.outboxId)?.lastError ?? '', /attachment has no data/);
});

test('shutting down in the middle of a burst: the messages not tried yet are not counted as failed tries, and go after a restart', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const lines: Array<{ mod?: string; msg: string; id?: number }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  const { service } = await linkSignalService(t, mock, { store, logger });
  let stopping: Promise<void> | undefined;
  // The app is shut down just as the first message of a burst went out.
  service.on('sent', () => {
    stopping ??= service.stop();
  });
  const burst = ['one', 'two', 'three'].map((body) => service.send({ to: { kind: 'note-to-self' }, body }));
  while (!stopping) await new Promise((resolve) => setTimeout(resolve, 10));
  await stopping;
  for (const { outboxId } of burst.slice(1)) {
    assert.deepEqual({ ...service.outboxStatus(outboxId) }, { ...service.outboxStatus(outboxId), status: 'pending', attempts: 0, lastError: null }, 'never tried');
  }
  assert.deepEqual(lines.filter((l) => l.mod === 'signal.outbox' && l.id !== burst[0]?.outboxId).map((l) => l.msg), [], 'no failure logged for them');

  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  for (const { outboxId } of burst.slice(1)) await waitForSent(restarted, outboxId);
});
