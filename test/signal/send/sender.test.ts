import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src-main/shared/logger.js';
import { PrivateKey } from '@signalapp/libsignal-client';
import { ProtocolRepo } from '../../../src-main/store/protocol-repo.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { createSignalService, linkSignalService, openSignalStore, waitForSent } from '../../helpers/signal-service.js';

/** The outbox's own log lines (what the owner reads in the log about a reply that did not go out). */
function outboxLog() {
  const lines: Array<{ msg: string; waitMs?: number }> = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines: () => lines.filter((l) => (l as { mod?: string }).mod === 'signal.outbox').map((l) => ({ msg: l.msg, waitMs: l.waitMs })) };
}

test('409 and 410: the owner adds, replaces and removes a device; replies still arrive', async (t) => {
  const mock = await startMockSignal(t);
  const logged: string[] = [];
  const { logger } = createLogger({ level: 'info', stream: { write: (line: string) => void logged.push(JSON.parse(line).msg) } });
  const { service, store } = await linkSignalService(t, mock, { logger });
  const owner = mock.phone.device.aci;
  const sessions = () => new ProtocolRepo(store).sessionDevices(owner);
  const reply = async (body: string) => {
    const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body });
    assert.equal((await mock.phone.waitForMessage()).body, body);
    await waitForSent(service, outboxId);
  };

  await reply('before');
  assert.deepEqual(sessions(), [1]);

  // A new linked device (e.g. a tablet): the server answers 409 with it missing.
  const tablet = await mock.server.createSecondaryDevice(mock.phone);
  await reply('after a device was added');
  assert.deepEqual(sessions(), [1, tablet.deviceId]);

  // The tablet is re-linked under the same device id with a new registration id: 410 stale.
  await mock.server.removeDeviceByServiceId(owner as never, tablet.deviceId);
  const relinked = await mock.server.createSecondaryDevice(mock.phone);
  assert.equal(relinked.deviceId, tablet.deviceId);
  await reply('after the device was replaced');
  assert.deepEqual(sessions(), [1, relinked.deviceId]);

  // The tablet is removed for good: 409 with it extra.
  await mock.server.removeDeviceByServiceId(owner as never, relinked.deviceId);
  await reply('after the device was removed');
  assert.deepEqual(sessions(), [1]);
  // The server's answers along the way (what each step above provoked).
  assert.deepEqual(logged.filter((m) => m === 'device list changed' || m === 'stale sessions'), ['device list changed', 'device list changed', 'stale sessions', 'device list changed']);
});

test('a rate-limit challenge (428) holds the message and it goes out once the wait is over', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const log = outboxLog();
  const { service } = await linkSignalService(t, mock, { clock, logger: log.logger });
  const owner = mock.phone.device.aci as never;
  mock.server.rateLimit({ source: owner, target: owner });
  const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body: 'held by the rate limit' });
  const deadline = Date.now() + 10_000;
  while (service.outboxStatus(outboxId)?.attempts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const held = service.outboxStatus(outboxId);
  assert.equal(held?.status, 'pending');
  assert.equal(held?.attempts, 1, 'not tried again before the wait is over');
  assert.deepEqual(log.lines(), [{ msg: 'send failed; will retry', waitMs: 60_000 }]);
  assert.match(held?.lastError ?? '', /captcha solved before more messages go out/);
  // The owner is told what is going on (the mock asks for a captcha, as Signal does).
  assert.match(service.sendHold()?.message ?? '', /captcha .* by themselves in about a minute/);
  assert.ok((mock.server.stopRateLimiting({ source: owner, target: owner }) ?? 0) >= 1);
  await service.linkedSession?.outboxJob.idle();
  assert.equal(mock.phone.getMessageQueueSize(), 0, 'nothing goes before the wait is over');

  clock.advance(61_000);
  assert.equal((await mock.phone.waitForMessage()).body, 'held by the rate limit');
  await waitForSent(service, outboxId);
  assert.equal(service.sendHold(), undefined, 'the hold is over once a message went out');
});

test('bot mode: when the owner\u2019s transcript is held back by a rate limit, the other account still gets the message once', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { service } = await linkSignalService(t, mock, { clock });
  const friend = await mock.createAccount('Friend');
  const owner = mock.phone.device.aci as never;
  mock.server.rateLimit({ source: owner, target: owner });
  const { outboxId } = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'once only' });
  assert.equal((await friend.waitForMessage()).body, 'once only');
  const deadline = Date.now() + 10_000;
  while (service.outboxStatus(outboxId)?.attempts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(service.outboxStatus(outboxId)?.status, 'pending', 'the transcript is still to go');
  mock.server.stopRateLimiting({ source: owner, target: owner });

  clock.advance(61_000);
  const { syncMessage } = await mock.phone.waitForSyncMessage((e) => e.syncMessage.content?.sent != null);
  assert.equal(syncMessage.content?.sent?.message?.body, 'once only');
  await waitForSent(service, outboxId);
  assert.equal(friend.getMessageQueueSize(), 0, 'not sent to them a second time');
});

test('a message to an account that is not on Signal fails for good instead of retrying', async (t) => {
  const mock = await startMockSignal(t);
  const log = outboxLog();
  const { service } = await linkSignalService(t, mock, { logger: log.logger });
  const friend = await mock.createAccount('Gone');
  mock.server.unregister(friend);
  const { outboxId } = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'anyone there?' });
  await assert.rejects(waitForSent(service, outboxId), /failed: .*not \(or no longer\) on Signal/);
  assert.deepEqual(log.lines(), [{ msg: 'message cannot be delivered', waitMs: undefined }]);
});

test('a stored message that no longer reads (a damaged row) fails for good, and the ones after it still go', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const { service } = await linkSignalService(t, mock, { store });
  await service.stop();
  const broken = service.send({ to: { kind: 'note-to-self' }, body: 'damaged on disk' });
  store.db.prepare('UPDATE signal_outbox SET payload = ? WHERE id = ?').run(['{"to":{"kind":"nowhere"}}', broken.outboxId]);
  const next = service.send({ to: { kind: 'note-to-self' }, body: 'after it' });

  const restarted = createSignalService(t, mock, { store });
  await restarted.start();
  assert.equal((await mock.phone.waitForMessage()).body, 'after it');
  await waitForSent(restarted, next.outboxId);
  const status = restarted.outboxStatus(broken.outboxId);
  assert.equal(status?.status, 'failed', 'given up on, not retried forever');
  assert.match(status?.lastError ?? '', /no longer parses/);
});

test('a recipient\u2019s changed safety number holds messages to them until the owner confirms', async (t) => {
  const mock = await startMockSignal(t);
  const log = outboxLog();
  const { service, store } = await linkSignalService(t, mock, { logger: log.logger });
  const friend = await mock.createAccount('Friend');
  // We knew this account under another identity key (they reinstalled Signal since).
  new ProtocolRepo(store).putIdentity(friend.device.aci, PrivateKey.generate().getPublicKey().serialize());
  const reported: string[] = [];
  service.on('identity-change', (changes) => reported.push(...changes.map((c) => c.serviceId)));
  const { outboxId } = service.send({ to: { kind: 'direct', aci: friend.device.aci }, body: 'are you still you?' });
  const deadline = Date.now() + 10_000;
  while (service.outboxStatus(outboxId)?.attempts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(service.outboxStatus(outboxId)?.status, 'pending');
  assert.match(service.outboxStatus(outboxId)?.lastError ?? '', /safety number changed/);
  // Looked at again in a minute (or at once when the owner confirms), not on the network backoff.
  assert.deepEqual(log.lines(), [{ msg: 'send failed; will retry', waitMs: 60_000 }]);
  assert.deepEqual(reported, [friend.device.aci]);
  assert.equal(friend.getMessageQueueSize(), 0);

  service.confirmIdentity(friend.device.aci);
  assert.equal((await friend.waitForMessage()).body, 'are you still you?');
  await waitForSent(service, outboxId);
});
