// The protocol state keeps the session libsignal saved as a record object while a batch is
// decrypted, and serializes it only at the commit (signal/protocol/protocol-stores.ts). Shown
// here through the mock server: the phone starts a new session in the middle of one batch,
// with the old session's messages delivered after the new one's, and every message arrives; after
// a restart (sessions read back from the database) the new session still decrypts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { holdDecryption } from '../../helpers/receiver-hold.js';
import { createSignalService, linkSignalService, openSignalStore, waitForInbound, waitForState } from '../../helpers/signal-service.js';

const bodies = (events: ReadonlyArray<{ type: string; body?: string }>) => events.map((e) => (e.type === 'message' ? e.body : e.type));

test('a new session from the phone in the middle of one batch: every message arrives, and the new session survives a restart', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  let commits = 0;
  // The first decryption of the reconnect waits until the rest have queued up behind it, as one batch.
  const hold = holdDecryption(2, () => (restarted.linkedSession?.receiver.waiting ?? 0) >= 3);
  const receiverHooks = { afterDecrypt: hold.afterDecrypt, afterCommit: () => void commits++ };
  const { service, device } = await linkSignalService(t, mock, { store, receiverHooks });
  await mock.phone.sendText(device, 'before');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'before');
  await service.stop();

  // While the computer is off: two messages on the current session, then the phone starts a new
  // one (a fresh pre-key bundle), two messages on it, and the server delivers the new ones first.
  // Each with its own timestamp, as a real phone sends them (the timestamp is a message's id: two
  // within one millisecond would rightly be taken for one message delivered twice).
  const at = Date.now();
  const old = [await mock.phone.encryptText(device, 'old 1', { timestamp: at + 1 }), await mock.phone.encryptText(device, 'old 2', { timestamp: at + 2 })];
  await mock.phone.addSingleUseKey(device, await device.popSingleUseKey());
  const fresh = [await mock.phone.encryptText(device, 'new 1', { timestamp: at + 3 }), await mock.phone.encryptText(device, 'new 2', { timestamp: at + 4 })];
  const delivered = [...fresh, ...old].map((envelope) => mock.server.send(device, envelope));

  const restarted = createSignalService(t, mock, { store, receiverHooks });
  const commitsBefore = commits;
  const decryptsBefore = hold.decrypts;
  await restarted.start();
  await waitForState(restarted, 'connected');
  await Promise.all(delivered);
  await restarted.linkedSession?.receiver.idle();
  assert.deepEqual(bodies(restarted.pendingInbound()), ['before', 'new 1', 'new 2', 'old 1', 'old 2']);
  assert.ok(commits - commitsBefore < hold.decrypts - decryptsBefore, 'several of the messages were decrypted in one batch');
  assert.equal(restarted.linkedSession?.receiver.counts.undecryptable, 0);
  await restarted.stop();

  // Read back from the database: the new session was committed (its pre-key is gone, so only it decrypts this).
  const again = createSignalService(t, mock, { store });
  await again.start();
  await waitForState(again, 'connected');
  await mock.phone.sendText(device, 'new 3');
  await waitForInbound(again, (e) => e.type === 'message' && e.body === 'new 3');
  assert.equal(again.linkedSession?.receiver.counts.undecryptable, 0);
  assert.equal(again.linkedSession?.receiver.counts.duplicate, 0);
});
