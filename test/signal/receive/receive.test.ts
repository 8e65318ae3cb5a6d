import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateKey } from '@signalapp/libsignal-client';
import { randomBytes, randomUUID } from 'node:crypto';
import { encryptAttachment } from '@signalapp/mock-server/src/crypto.js';
import { DOWNLOADS_FULL, MAX_WAITING_DOWNLOADS } from '../../../src-main/signal/attachments/download-bound.js';
import { ProtocolRepo } from '../../../src-main/store/protocol-repo.js';
import { BodyExpiryRepo } from '../../../src-main/store/body-expiry-repo.js';
import { decodeProto, encodeProto } from '../../../src-main/signal/protocol/proto.js';
import { encryptContent, sendContent, sendNoteToSelf, startMockSignal } from '../../helpers/mock-signal.js';
import { holdDecryption } from '../../helpers/receiver-hold.js';
import { sealWithCertificateExpiring } from '../../helpers/sender-certificate.js';
import { phoneLosesAReply } from '../../helpers/retry-phone.js';
import { createLogger } from '../../../src-main/shared/logger.js';

/** A logger whose lines from the receiver a test can read (level and message). */
function receiverLog(): { logger: ReturnType<typeof createLogger>['logger']; lines: (level: number) => string[] } {
  const logged: Array<{ level: number; mod?: string; msg: string }> = [];
  const { logger } = createLogger({ level: 'debug', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } });
  return { logger, lines: (level) => logged.filter((l) => l.mod === 'signal.receiver' && l.level === level).map((l) => l.msg).sort() };
}
import { createSignalService, linkSignalService, openSignalStore, waitForInbound, waitForState } from '../../helpers/signal-service.js';

test('phone → computer: a text arrives unsealed and sealed, in order, marked as the owner\u2019s', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  await mock.phone.sendText(device, 'first, unsealed');
  await mock.phone.sendText(device, 'second, sealed', { sealed: true });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'second, sealed');
  const events = service.pendingInbound();
  assert.deepEqual(events.map((e) => (e.type === 'message' ? e.body : e.type)), ['first, unsealed', 'second, sealed']);
  assert.deepEqual(events.map((e) => e.sealed), [false, true]);
  for (const e of events) {
    assert.equal(e.source.aci, mock.phone.device.aci);
    assert.equal(e.fromOwnAccount, true);
    assert.deepEqual(e.conversation, { kind: 'note-to-self' });
  }
});

test('Note to Self written on the phone arrives as a sync transcript with styles and quote', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const sentAt = Date.now();
  await sendNoteToSelf(mock.phone, device, {
    body: 'run the tests please',
    bodyRanges: [{ start: 4, length: 9, associatedValue: { style: 1 } }, { start: 0, length: 3, associatedValue: { style: 5 } }],
    quote: { id: BigInt(sentAt - 1000), authorAciBinary: Buffer.from(mock.phone.device.aciRawUuid), text: 'earlier' },
  }, sentAt);
  const event = await waitForInbound(service, (e) => e.type === 'message');
  assert.equal(event.type, 'message');
  if (event.type !== 'message') return;
  assert.equal(event.body, 'run the tests please');
  assert.equal(event.sentAt, sentAt);
  assert.deepEqual(event.conversation, { kind: 'note-to-self' });
  assert.equal(event.fromOwnAccount, true);
  assert.deepEqual(event.bodyRanges, [{ start: 4, length: 9, style: 'bold' }, { start: 0, length: 3, style: 'monospace' }]);
  assert.deepEqual(event.quote, { targetSentAt: sentAt - 1000, authorAci: mock.phone.device.aci, text: 'earlier' });
});

test('reactions, edits and deletes from the phone become typed events', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const target = Date.now() - 5000;
  const aciBinary = Buffer.from(mock.phone.device.aciRawUuid);
  await sendContent(mock.phone, device, { content: { dataMessage: { timestamp: BigInt(target + 1), reaction: { emoji: '👍', remove: false, targetAuthorAciBinary: aciBinary, targetSentTimestamp: BigInt(target) } } } }, { timestamp: target + 1 });
  await sendContent(mock.phone, device, { content: { editMessage: { targetSentTimestamp: BigInt(target), dataMessage: { timestamp: BigInt(target + 2), body: 'fixed typo' } } } }, { timestamp: target + 2 });
  await sendContent(mock.phone, device, { content: { dataMessage: { timestamp: BigInt(target + 3), delete: { targetSentTimestamp: BigInt(target) } } } }, { timestamp: target + 3 });
  await waitForInbound(service, (e) => e.type === 'delete');
  const [reaction, edit, del] = service.pendingInbound();
  assert.deepEqual(
    reaction && { type: reaction.type, ...(reaction.type === 'reaction' ? { emoji: reaction.emoji, remove: reaction.remove, targetSentAt: reaction.targetSentAt, targetAuthorAci: reaction.targetAuthorAci } : {}) },
    { type: 'reaction', emoji: '👍', remove: false, targetSentAt: target, targetAuthorAci: mock.phone.device.aci },
  );
  assert.equal(edit?.type, 'edit');
  if (edit?.type === 'edit') {
    assert.equal(edit.targetSentAt, target);
    assert.equal(edit.body, 'fixed typo');
  }
  assert.equal(del?.type, 'delete');
  if (del?.type === 'delete') assert.equal(del.targetSentAt, target);
});

test('typing, receipts and unknown content are acknowledged and ignored; malformed content never blocks the queue', async (t) => {
  const mock = await startMockSignal(t);
  const log = receiverLog();
  // With a filter on conversations, as the daemon runs it: content that is no event passes it untested.
  const { service, device } = await linkSignalService(t, mock, { logger: log.logger, keepEvent: (event) => event.conversation.kind === 'note-to-self' });
  let woken = 0;
  service.on('inbound', () => void woken++);
  const ts = Date.now();
  await sendContent(mock.phone, device, { content: { typingMessage: { timestamp: BigInt(ts), action: 0 } } }, { timestamp: ts });
  await sendContent(mock.phone, device, { content: { receiptMessage: { type: 1, timestamp: [BigInt(ts - 10)] } } }, { timestamp: ts + 1 });
  await sendContent(mock.phone, device, { content: { nullMessage: { padding: Buffer.alloc(8) } } }, { timestamp: ts + 2 });
  // A reaction without emoji or target is malformed.
  await sendContent(mock.phone, device, { content: { dataMessage: { timestamp: BigInt(ts + 3), reaction: { remove: false } } } }, { timestamp: ts + 3 });
  // Bytes that are not an envelope at all.
  void mock.server.send(device, Buffer.from('this is not a protobuf envelope \xff\xff\xff'));
  // A delivery receipt from the server (unencrypted): nothing to decrypt, nothing to store.
  await mock.phone.sendUnencryptedReceipt(device, { messageTimestamp: ts - 20, timestamp: ts + 3 });
  await mock.phone.sendText(device, 'still here', { timestamp: ts + 4 });
  await waitForInbound(service, (e) => e.type === 'message');
  const session = service.linkedSession;
  assert.ok(session);
  await session.receiver.idle();
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['still here']);
  assert.equal(woken, 1, 'the chat layer is woken for the one message, not for what was ignored or dropped');
  assert.equal(session.receiver.counts.ignored, 4);
  assert.equal(session.receiver.counts.undecryptable, 0);
  assert.equal(session.receiver.counts.malformed, 2);
  assert.deepEqual(log.lines(40), ['malformed envelope; dropped', 'malformed message; dropped'], 'each dropped one is in the log');
  assert.deepEqual(log.lines(20).filter((msg) => msg === 'ignored content').length, 3, 'typing, the receipt and the null message');
});

test('what cannot be decrypted is acknowledged and dropped; only a message from a known sender that fails is asked for again', async (t) => {
  const mock = await startMockSignal(t);
  const log = receiverLog();
  const { service, device } = await linkSignalService(t, mock, { logger: log.logger });
  await mock.phone.sendText(device, 'first');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first');
  const session = service.linkedSession;
  assert.ok(session);
  const ts = Date.now();
  // An envelope that names the phone but carries no content: nothing to decrypt, never usable.
  const { content: _content, ...bare } = decodeProto('Envelope', await mock.phone.encryptText(device, 'lost content', { timestamp: ts })) as Record<string, unknown>;
  await mock.server.send(device, Buffer.from(encodeProto('Envelope', bare)));
  // A read receipt is not stored, so only the ratchet recognises it when it comes again.
  const receipt = await encryptContent(mock.phone, device, { content: { receiptMessage: { type: 1, timestamp: [BigInt(ts - 10)] } } }, { timestamp: ts + 1 });
  await mock.server.send(device, receipt);
  await mock.server.send(device, receipt);
  // A sealed envelope whose seal does not open (bytes no one sealed for this device).
  await mock.server.send(device, Buffer.from(encodeProto('Envelope', { type: 6, content: randomBytes(200), clientTimestamp: ts + 3, serverTimestamp: ts + 3 })));
  // A sealed message whose certificate had expired when the server took it: refused, and asking
  // the phone for it again would not help.
  await sealWithCertificateExpiring(mock, mock.phone, ts - 3_600_000);
  await mock.phone.sendText(device, 'stale certificate', { sealed: true, timestamp: ts - 1_800_000 });
  await sealWithCertificateExpiring(mock, mock.phone, ts + 3_600_000);
  await mock.phone.sendText(device, 'still here', { sealed: true, timestamp: ts + 2 });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'still here');
  await session.receiver.idle();
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['first', 'still here']);
  assert.deepEqual(
    { malformed: session.receiver.counts.malformed, duplicate: session.receiver.counts.duplicate, ignored: session.receiver.counts.ignored, undecryptable: session.receiver.counts.undecryptable, failed: session.receiver.counts.failed },
    { malformed: 1, duplicate: 1, ignored: 1, undecryptable: 2, failed: 0 },
  );

  // A message the computer has no session for: acknowledged, and the phone is asked for it again
  // (the first request the phone gets, so none went out for the refused certificate).
  session.protocol.repo.deleteSession({ kind: 'aci', serviceId: mock.phone.device.aci, deviceId: 1 });
  const lostAt = Date.now();
  await mock.phone.sendText(device, 'lost without a session', { timestamp: lostAt });
  const request = await mock.phone.waitForDecryptionError();
  assert.equal(request.timestamp, lostAt);
  assert.equal(session.receiver.counts.undecryptable, 3);
  // The request's send completes after the phone has it.
  for (const deadline = Date.now() + 10_000; session.retries.counts.asked === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(session.retries.counts, { asked: 1, reset: 0, resent: 0, nullMessages: 0 }, 'asked once, and no session was reset for the others');
  assert.deepEqual(log.lines(40), ['could not decrypt a message; dropped', 'could not decrypt a message; dropped', 'could not decrypt a message; dropped', 'malformed message; dropped'], 'each dropped one is in the log');
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['first', 'still here']);
});

test('a message with more files than may wait for download: the first are fetched in order, the rest are listed as not taken, and the message arrives', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const files = Array.from({ length: MAX_WAITING_DOWNLOADS + 1 }, (_, i) => ({ data: randomBytes(100 + i), fileName: `photo-${i}.jpg` }));
  const pointers = [];
  for (const file of files) {
    const encrypted = encryptAttachment(file.data);
    const cdnKey = randomBytes(16).toString('hex');
    await mock.server.storeAttachmentOnCdn(3, cdnKey, encrypted.blob);
    pointers.push({ attachmentIdentifier: { cdnKey }, cdnNumber: 3, key: encrypted.key, digest: encrypted.digest, size: encrypted.size, contentType: 'image/jpeg', fileName: file.fileName });
  }
  const at = Date.now();
  await sendContent(mock.phone, device, { content: { dataMessage: { timestamp: BigInt(at), body: 'the holiday photos', attachments: pointers } } }, { timestamp: at });
  const event = await waitForInbound(service, (e) => e.type === 'message');
  if (event.type !== 'message') return assert.fail('expected a message');
  assert.equal(event.body, 'the holiday photos');
  assert.deepEqual(
    event.attachments.map((a) => ({ fileName: a.fileName, size: a.size, contentType: a.contentType, status: a.status, error: a.error })),
    files.map((f, i) => ({ fileName: f.fileName, size: f.data.byteLength, contentType: 'image/jpeg', ...(i < MAX_WAITING_DOWNLOADS ? { status: 'ready', error: undefined } : { status: 'failed', error: DOWNLOADS_FULL }) })),
  );
  const fetched = event.attachments.slice(0, MAX_WAITING_DOWNLOADS).map((a) => Buffer.from(service.readAttachment(a.id) ?? []));
  assert.ok(fetched.every((data, i) => data.equals(files[i]?.data ?? Buffer.alloc(0))), 'each file is the one at its place');
  assert.equal(service.readAttachment(event.attachments[MAX_WAITING_DOWNLOADS]?.id ?? -1), undefined);
});

test('with a timer set on the phone, a message\u2019s body goes from the disk when the timer runs out, not before; a stale timer does not change it; the same in another account\u2019s chat', async (t) => {
  const mock = await startMockSignal(t);
  const { service, store, device } = await linkSignalService(t, mock);
  const at = Date.now();
  await sendNoteToSelf(mock.phone, device, { body: 'no timer here', expireTimer: 0 }, at);
  // The owner sets five minutes (a control message, nothing to store) ...
  await sendNoteToSelf(mock.phone, device, { flags: 2, expireTimer: 300, expireTimerVersion: 3 }, at + 1);
  // ... and a device that had not heard of it yet writes with its older timer of an hour.
  await sendNoteToSelf(mock.phone, device, { body: 'late', expireTimer: 3600, expireTimerVersion: 2 }, at + 2);
  // Another account (bot mode) with disappearing messages on in its chat with the computer.
  const friend = await mock.createAccount('Friend');
  await friend.addSingleUseKey(device, await device.popSingleUseKey());
  await sendContent(friend, device, { content: { dataMessage: { timestamp: BigInt(at + 3), body: 'from a friend', expireTimer: 300, expireTimerVersion: 1 } } }, { timestamp: at + 3 });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'from a friend');
  store.transaction(() => {
    for (const event of service.pendingInbound()) service.markHandled(event.inboxId);
  });
  const expiry = new BodyExpiryRepo(store);
  const stored = () => store.db.prepare('SELECT event FROM signal_inbox ORDER BY id', { pluck: true }).all().map((json) => (JSON.parse(String(json)) as { body?: string }).body ?? 'deleted');
  assert.equal(expiry.expireDue(Date.now() + 4 * 60_000).inbox, 0, 'four minutes on, nothing is due');
  assert.equal(expiry.expireDue(Date.now() + 6 * 60_000).inbox, 2, 'six minutes on, both messages are');
  assert.deepEqual(stored(), ['no timer here', 'deleted', 'deleted']);
  assert.equal(expiry.expireDue(Date.now() + 30 * 24 * 3_600_000).inbox, 0, 'a message without a timer stays');
});

test('the phone asking for a reply again is acknowledged, not stored, and answered with the reply', async (t) => {
  const { service, line, reply, lost } = await phoneLosesAReply(t, { to: { kind: 'note-to-self' }, body: 'lost on the way' });

  await line.askAgain(lost); // resolves once the computer acknowledged the request
  const again = await line.waitFor((d) => d.body === 'lost on the way', 'the reply sent again');
  assert.equal(again.timestamp, reply.timestamp);
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['starts the session']);
  assert.equal(service.linkedSession?.receiver.counts.ignored, 1);
});

test('an envelope the server delivers twice is stored once', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const envelope = await mock.phone.encryptText(device, 'only once');
  await mock.server.send(device, envelope);
  await mock.server.send(device, envelope);
  await mock.phone.sendText(device, 'after');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'after');
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['only once', 'after']);
  assert.equal(service.linkedSession?.receiver.counts.duplicate, 1);
});

test('a message delivered again after its session is gone is recognised as stored, not taken for one to ask for again', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const envelope = await mock.phone.encryptText(device, 'only once');
  await mock.server.send(device, envelope);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'only once');
  const session = service.linkedSession;
  assert.ok(session);
  // Nothing could decrypt it again now (a reset session, say): the inbox alone knows it.
  session.protocol.repo.deleteSession({ kind: 'aci', serviceId: mock.phone.device.aci, deviceId: 1 });
  await mock.server.send(device, envelope); // resolves once the computer acknowledged it
  await session.receiver.idle();
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['only once']);
  assert.equal(session.receiver.counts.duplicate, 1);
  assert.equal(session.receiver.counts.undecryptable, 0, 'no retry request asks the phone for it again');
});

test('a sealed message delivered again after its session is gone is recognised by the server\u2019s id for it, in either form', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  // The mock server sends no ids; Signal's server names each envelope, as text or as 16 bytes.
  const named = async (body: string, guid: Record<string, unknown>) => Buffer.from(encodeProto('Envelope', { ...(decodeProto('Envelope', await mock.phone.encryptText(device, body, { sealed: true })) as Record<string, unknown>), ...guid }));
  const envelopes = [await named('id as text', { serverGuid: randomUUID() }), await named('id as bytes', { serverGuidBinary: randomBytes(16) })];
  for (const envelope of envelopes) await mock.server.send(device, envelope);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'id as bytes');
  const session = service.linkedSession;
  assert.ok(session);
  // Sealed, they name no sender to look up; and nothing could decrypt them again now.
  session.protocol.repo.deleteSession({ kind: 'aci', serviceId: mock.phone.device.aci, deviceId: 1 });
  for (const envelope of envelopes) await mock.server.send(device, envelope);
  await session.receiver.idle();
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['id as text', 'id as bytes']);
  assert.equal(session.receiver.counts.duplicate, 2);
  assert.equal(session.receiver.counts.undecryptable, 0, 'no retry request asks the phone for them again');
});

test('the same message sent twice (new encryption, same timestamp) in one batch is stored once', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const { service, device } = await linkSignalService(t, mock, { store });
  await mock.phone.sendText(device, 'first');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first');
  await service.stop();

  // While the computer is off the phone sends one message twice, as it does when asked again for
  // it: a second encryption with the same timestamp, the message's id.
  const at = Date.now();
  const envelopes = [
    await mock.phone.encryptText(device, 'before', { timestamp: at }),
    await mock.phone.encryptText(device, 'twice', { timestamp: at + 1 }),
    await mock.phone.encryptText(device, 'twice', { timestamp: at + 1 }),
  ];
  const delivered = envelopes.map((envelope) => mock.server.send(device, envelope));
  // The first decryption waits until the two copies have queued up behind it, as one batch.
  const hold = holdDecryption(1, () => (restarted.linkedSession?.receiver.waiting ?? 0) >= 2);
  const restarted = createSignalService(t, mock, { store, receiverHooks: { afterDecrypt: hold.afterDecrypt } });
  await restarted.start();
  await Promise.all(delivered);
  await restarted.linkedSession?.receiver.idle();
  assert.equal(hold.decrypts, 3, 'both copies were decrypted (so only the inbox could tell them apart)');
  assert.deepEqual(restarted.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['first', 'before', 'twice']);
  assert.equal(restarted.linkedSession?.receiver.counts.stored, 2);
  assert.equal(restarted.linkedSession?.receiver.counts.duplicate, 1);
});

test('another account writes to the computer (bot mode): a direct conversation with them', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const friend = await mock.createAccount('Friend');
  await friend.addSingleUseKey(device, await device.popSingleUseKey());
  await friend.sendText(device, 'hello bot', { sealed: true });
  const event = await waitForInbound(service, (e) => e.type === 'message');
  assert.equal(event.fromOwnAccount, false);
  assert.deepEqual(event.conversation, { kind: 'direct', aci: friend.device.aci });
  assert.equal(event.source.aci, friend.device.aci);
});

test('a changed safety number holds that account\u2019s messages until the owner confirms', async (t) => {
  const mock = await startMockSignal(t);
  const { service, store, device } = await linkSignalService(t, mock);
  const reported: string[][] = [];
  service.on('identity-change', (changes) => reported.push(changes.map((c) => c.serviceId)));
  let woken = 0;
  service.on('inbound', () => void woken++);
  const friend = await mock.createAccount('Friend');
  // We saw another key for this account before (they reinstalled Signal since).
  new ProtocolRepo(store).putIdentity(friend.device.aci, PrivateKey.generate().getPublicKey().serialize());
  await friend.addSingleUseKey(device, await device.popSingleUseKey());
  await friend.sendText(device, 'new phone, who dis');
  // A second message after the first was stored: the change is already known, still not confirmed.
  await friend.sendText(device, 'it is me, really');
  await mock.phone.sendText(device, 'owner still gets through');
  await waitForInbound(service, (e) => e.type === 'message');
  await service.linkedSession?.receiver.idle();
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : '')), ['owner still gets through']);
  assert.equal(service.status().identityChanges, 1);
  assert.deepEqual(service.identityChanges().map((c) => c.serviceId), [friend.device.aci]);
  assert.deepEqual(reported, [[friend.device.aci]], 'reported once, for the owner and the UI');
  assert.equal(woken, 1, 'the chat layer is woken for the owner\u2019s message only; the held ones wait');

  assert.equal(service.confirmIdentity(friend.device.aci), 2, 'both held messages are released');
  assert.equal(service.status().identityChanges, 0);
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'it is me, really');
  const released = service.pendingInbound().filter((e) => e.source.aci === friend.device.aci);
  assert.deepEqual(released.map((e) => (e.type === 'message' ? e.body : '')), ['new phone, who dis', 'it is me, really']);
});

test('inbound() hands each event out once; handled ones stay handled after a restart', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const { service, device } = await linkSignalService(t, mock, { store });
  for (const body of ['one', 'two', 'three']) await mock.phone.sendText(device, body);
  const controller = new AbortController();
  const seen: string[] = [];
  for await (const event of service.inbound(controller.signal)) {
    seen.push(event.type === 'message' ? event.body : event.type);
    // The chat layer records what it did and marks the event handled in one transaction.
    if (seen.length <= 2) store.transaction(() => service.markHandled(event.inboxId));
    if (seen.length === 3) controller.abort();
  }
  assert.deepEqual(seen, ['one', 'two', 'three']);
  await service.stop();

  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  await waitForState(restarted, 'connected');
  assert.deepEqual(restarted.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['three']);
});

test('a message being decrypted when the app stops is stored before the stop returns, and arrives once after the restart', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  let stopAsked = 0;
  // The second decryption (the first is 'warm-up') is held until 300 ms into the stop.
  const hold = holdDecryption(2, () => stopAsked > 0 && Date.now() > stopAsked + 300);
  const { service, device } = await linkSignalService(t, mock, { store, receiverHooks: { afterDecrypt: hold.afterDecrypt } });
  await mock.phone.sendText(device, 'warm-up');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'warm-up');
  void mock.server.send(device, await mock.phone.encryptText(device, 'written as the app quits', { timestamp: Date.now() }));
  const deadline = Date.now() + 10_000;
  while (hold.decrypts < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  stopAsked = Date.now();
  await service.stop();
  const bodies = () => service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type));
  assert.deepEqual(bodies(), ['warm-up', 'written as the app quits'], 'stored before the stop returned');

  // Its acknowledgement never reached the closed connection: the server delivers it again, and
  // the inbox knows it.
  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  await waitForState(restarted, 'connected');
  await mock.phone.sendText(device, 'after the restart');
  await waitForInbound(restarted, (e) => e.type === 'message' && e.body === 'after the restart');
  assert.deepEqual(restarted.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['warm-up', 'written as the app quits', 'after the restart']);
});
