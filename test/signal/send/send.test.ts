import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { createSignalService, linkSignalService, openSignalStore, waitForSent } from '../../helpers/signal-service.js';

test('computer → Note to Self, silent: a sync transcript with bold and monospace ranges', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const { outboxId, timestamp } = service.send({
    to: { kind: 'note-to-self' },
    notify: false,
    body: 'Done: npm test passed',
    bodyRanges: [{ start: 0, length: 4, style: 'bold' }, { start: 6, length: 8, style: 'monospace' }],
  });
  const { syncMessage } = await mock.phone.waitForSyncMessage((e) => e.syncMessage.content?.sent != null);
  await waitForSent(service, outboxId);
  const sent = syncMessage.content?.sent;
  assert.ok(sent);
  assert.equal(Buffer.from(sent.destinationServiceIdBinary ?? []).equals(Buffer.from(mock.phone.device.aciBinary)), true);
  assert.equal(Number(sent.timestamp), timestamp);
  assert.equal(sent.message?.body, 'Done: npm test passed');
  assert.deepEqual(
    sent.message?.bodyRanges.map((r) => ({ start: r.start, length: r.length, style: r.associatedValue?.style })),
    [{ start: 0, length: 4, style: 1 }, { start: 6, length: 8, style: 5 }],
  );
  assert.equal(mock.phone.getMessageQueueSize(), 0, 'a silent reply is not a notifying message');
});

test('computer → Note to Self, notifying: a normal message to the own account; then an edit of it', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const first = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'Working on it…' });
  const message = await mock.phone.waitForMessage();
  assert.equal(message.body, 'Working on it…');
  assert.equal(Number(message.dataMessage.timestamp), first.timestamp);
  assert.equal(message.source.aci, mock.phone.device.aci);

  const edit = service.send({ to: { kind: 'note-to-self' }, notify: true, body: 'Finished: 3 files changed', edit: { targetSentAt: first.timestamp } });
  const { editMessage } = await mock.phone.waitForEditMessage();
  await waitForSent(service, edit.outboxId);
  assert.equal(Number(editMessage.targetSentTimestamp), first.timestamp);
  assert.equal(editMessage.dataMessage?.body, 'Finished: 3 files changed');
  assert.equal(Number(editMessage.dataMessage?.timestamp), edit.timestamp);
  assert.ok(edit.timestamp > first.timestamp);
});

test('computer → phone: quotes and reactions point at the right message', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const owner = mock.phone.device.aci;
  service.send({ to: { kind: 'note-to-self' }, body: 'Approve?', quote: { targetSentAt: 1234, authorAci: owner, text: 'rm -rf build' } });
  const quoted = await mock.phone.waitForMessage();
  assert.equal(Number(quoted.dataMessage.quote?.id), 1234);
  assert.equal(quoted.dataMessage.quote?.text, 'rm -rf build');
  // Service ids in both forms, as Signal Desktop sends them (older phones read only the string).
  assert.ok(Buffer.from(quoted.dataMessage.quote?.authorAciBinary ?? []).equals(Buffer.from(mock.phone.device.aciRawUuid)));
  assert.equal(quoted.dataMessage.quote?.authorAci, owner);

  service.send({ to: { kind: 'note-to-self' }, reaction: { emoji: '👀', targetAuthorAci: owner, targetSentAt: 5678 } });
  const reacted = await mock.phone.waitForMessage();
  assert.equal(reacted.dataMessage.reaction?.emoji, '👀');
  assert.equal(reacted.dataMessage.reaction?.remove, false);
  assert.equal(Number(reacted.dataMessage.reaction?.targetSentTimestamp), 5678);
  assert.equal(reacted.dataMessage.reaction?.targetAuthorAci, owner);
  assert.ok(Buffer.from(reacted.dataMessage.reaction?.targetAuthorAciBinary ?? []).equals(Buffer.from(mock.phone.device.aciRawUuid)));

  // A mention's id is one of a oneof on the wire: the string form every client reads.
  service.send({ to: { kind: 'note-to-self' }, body: '@owner look', bodyRanges: [{ start: 0, length: 6, mentionAci: owner }] });
  const mentioned = await mock.phone.waitForMessage();
  assert.deepEqual(
    mentioned.dataMessage.bodyRanges.map((r) => ({ start: r.start, length: r.length, associatedValue: r.associatedValue })),
    [{ start: 0, length: 6, associatedValue: { mentionAci: owner } }],
  );
});

test('bot mode: a message to another account reaches them, and the owner\u2019s phone gets the transcript', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const friend = await mock.createAccount('Friend');
  const { outboxId } = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'hi from the bot' });
  const received = await friend.waitForMessage();
  assert.equal(received.body, 'hi from the bot');
  assert.equal(received.source.aci, mock.phone.device.aci);
  const { syncMessage } = await mock.phone.waitForSyncMessage((e) => e.syncMessage.content?.sent != null);
  assert.equal(syncMessage.content?.sent?.message?.body, 'hi from the bot');
  assert.ok(Buffer.from(syncMessage.content?.sent?.destinationServiceIdBinary ?? []).equals(Buffer.from(friend.device.aciBinary)));
  assert.equal(syncMessage.content?.sent?.destinationServiceId, friend.device.aci, 'the string form too, as Signal Desktop sends it');
  assert.deepEqual(
    syncMessage.content?.sent?.unidentifiedStatus.map((u) => ({ id: u.destinationServiceId, binary: Buffer.from(u.destinationServiceIdBinary ?? []).equals(Buffer.from(friend.device.aciBinary)) })),
    [{ id: friend.device.aci, binary: true }],
  );
  await waitForSent(service, outboxId);
});

test('a typing indicator goes to the other account only while it is fresh', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const friend = await mock.createAccount('Friend');
  const typing = service.send({ to: { kind: 'direct', aci: friend.device.aci }, typing: 'started' });
  await waitForSent(service, typing.outboxId);
  const text = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'after typing' });
  assert.equal((await friend.waitForMessage()).body, 'after typing');
  await waitForSent(service, text.outboxId);
});

test('a typing indicator that went stale while the computer was offline is dropped, not sent late', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const store = openSignalStore(t);
  const { service } = await linkSignalService(t, mock, { clock, store });
  const friend = await mock.createAccount('Friend');
  await service.stop();
  const typing = service.send({ to: { kind: 'direct', aci: friend.device.aci }, typing: 'started' });
  const text = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'written while offline' });
  clock.advance(16_000); // a typing indicator is good for 15 seconds

  const restarted = createSignalService(t, mock, { clock, store });
  await restarted.start();
  assert.equal((await friend.waitForMessage()).body, 'written while offline');
  await waitForSent(restarted, text.outboxId);
  assert.equal(restarted.outboxStatus(typing.outboxId)?.status, 'expired');
});
