// Retry requests both ways, against Signal's mock server. The computer asks for a message it
// could not decrypt from every device of the owner's account (the server refuses a request to
// one device when Signal Desktop is linked too), and resets the session when even that request
// cannot go out. The phone asks for a reply it could not decrypt: the computer sends the same
// content again from its day-long send log on a new session, or a null message when the content
// is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProto, encodeProto } from '../../../src-main/signal/protocol/proto.js';
import { EnvelopeType, encryptContent, startMockSignal } from '../../helpers/mock-signal.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { PhoneLine, phoneLosesAReply } from '../../helpers/retry-phone.js';
import { linkSignalService, waitForInbound, waitForSent } from '../../helpers/signal-service.js';

const DAY = 24 * 60 * 60 * 1000;

test('a message the computer cannot decrypt is asked for again from every device of the owner, Signal Desktop included', async (t) => {
  const mock = await startMockSignal(t);
  // The owner also uses Signal Desktop: a request to the phone alone gets 409 from the server.
  await mock.server.createSecondaryDevice(mock.phone);
  const { service, device } = await linkSignalService(t, mock);
  await mock.phone.sendText(device, 'starts the session');
  await waitForInbound(service, (e) => e.type === 'message');
  const session = service.linkedSession;
  assert.ok(session);
  session.protocol.repo.deleteSession({ kind: 'aci', serviceId: mock.phone.device.aci, deviceId: 1 });

  const timestamp = Date.now();
  await mock.phone.sendText(device, 'lost without a session', { timestamp });
  const request = await mock.phone.waitForDecryptionError();
  assert.equal(request.timestamp, timestamp);
  assert.equal(request.senderDevice, 1, 'names the phone as the device that sent it');
  assert.equal(session.receiver.counts.undecryptable, 1);
});

test('when the retry request cannot go out, the session is reset: the next reply starts a new session the phone can read', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const line = new PhoneLine(mock, device);
  await mock.phone.sendText(device, 'starts the session');
  await waitForInbound(service, (e) => e.type === 'message');
  const first = service.send({ to: { kind: 'note-to-self' }, body: 'on the old session' });
  assert.equal((await line.waitFor((d) => d.body === 'on the old session', 'the first reply')).envelopeType, EnvelopeType.CipherText);
  await waitForSent(service, first.outboxId);

  // A message from the phone arrives damaged (its MAC fails), while sending is held by a challenge.
  const owner = mock.phone.device.aci as never;
  mock.server.rateLimit({ source: owner, target: owner });
  const envelope = decodeProto('Envelope', await encryptContent(mock.phone, device, { content: { dataMessage: { body: 'damaged', timestamp: BigInt(Date.now()) } } })) as { content: Uint8Array };
  const damaged = new Uint8Array(envelope.content);
  damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
  await mock.server.send(device, Buffer.from(encodeProto('Envelope', { ...envelope, content: damaged })));
  const session = service.linkedSession;
  assert.ok(session);
  while (session.retries.counts.reset === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(session.retries.counts.asked, 0);
  assert.equal(mock.phone.getDecryptionErrorQueueSize(), 0);
  mock.server.stopRateLimiting({ source: owner, target: owner });

  const next = service.send({ to: { kind: 'note-to-self' }, body: 'after the reset' });
  const arrived = await line.waitFor((d) => d.body === 'after the reset', 'the reply after the reset');
  assert.equal(arrived.envelopeType, EnvelopeType.PreKey, 'a new session, not the one the damaged message came on');
  await waitForSent(service, next.outboxId);
});

test('a reply the phone could not decrypt is sent again from the send log, same timestamp, on a new session', async (t) => {
  const { mock, device, line, reply, lost } = await phoneLosesAReply(t, { to: { kind: 'note-to-self' }, body: 'the phone cannot read this at first' });
  assert.equal(lost.envelopeType, EnvelopeType.CipherText);
  assert.equal(lost.timestamp, reply.timestamp);

  // A request naming another device of the account is that device's business.
  await line.askAgain(lost, (device.deviceId + 7) as never);
  await line.askAgain(lost);
  const again = await line.waitFor((d) => d.body === 'the phone cannot read this at first', 'the reply sent again');
  assert.equal(again.timestamp, reply.timestamp, 'the same message (the phone files it under its timestamp)');
  assert.equal(again.envelopeType, EnvelopeType.PreKey, 'the session the failed message came on was archived');
  assert.equal((await mock.phone.waitForMessage()).body, 'the phone cannot read this at first');
  assert.equal(line.decrypted.filter((d) => d.body === 'the phone cannot read this at first').length, 1, 'sent again once');
});

test('a reply asked for after a day is no longer kept: a null message starts the new session instead', async (t) => {
  const clock = new OffsetClock();
  const { line, lost } = await phoneLosesAReply(t, { to: { kind: 'note-to-self' }, notify: false, body: 'a silent transcript' }, { clock });

  clock.advance(DAY + 60_000);
  await line.askAgain(lost);
  const nullMessage = await line.waitFor((d) => d.nullMessage, 'a null message');
  assert.equal(nullMessage.envelopeType, EnvelopeType.PreKey);
  assert.equal(line.decrypted.some((d) => d.body === 'a silent transcript'), false, 'the content a day old is not sent');
});
