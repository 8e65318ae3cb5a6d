import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalPreKeyRepo } from '../../../src-main/store/signal-prekey-repo.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { linkSignalService, waitForInbound, waitForState } from '../../helpers/signal-service.js';

const FAST = { reconnect: { initialMs: 50, maxMs: 200 } };

type Device = Awaited<ReturnType<typeof linkSignalService>>['device'];

/** The key bundle the server hands out once the first signed pre-key was replaced (or after 10 s). */
async function keyAfterRotation(device: Device): Promise<Awaited<ReturnType<Device['popSingleUseKey']>>> {
  const deadline = Date.now() + 10_000;
  let key = await device.popSingleUseKey();
  while (key.signedPreKey.keyId === 1 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    key = await device.popSingleUseKey();
  }
  return key;
}

test('linking uploads one-time pre-keys for both identities; a peer uses one to start a session', async (t) => {
  const mock = await startMockSignal(t);
  const { store, device, service } = await linkSignalService(t, mock);
  const repo = new SignalPreKeyRepo(store);
  assert.equal(repo.countPreKeys('aci'), 100);
  assert.equal(repo.countPreKeys('pni'), 100);
  assert.equal(repo.countOneTimeKyber('aci'), 100);
  const friend = await mock.createAccount('Friend');
  const key = await device.popSingleUseKey();
  assert.ok(key.preKey, 'the server hands out a one-time EC pre-key');
  await friend.addSingleUseKey(device, key);
  await friend.sendText(device, 'first contact');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'first contact');
  assert.equal(repo.countPreKeys('aci'), 99, 'the used pre-key is deleted');
  assert.equal(repo.countOneTimeKyber('aci'), 99);
});

test('a week-old signed pre-key is replaced on the next connection, and peers can use the new one', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { device, service } = await linkSignalService(t, mock, { clock, timing: FAST });
  assert.equal((await device.popSingleUseKey()).signedPreKey.keyId, 1);
  clock.advance(8 * 24 * 3600_000);
  mock.dropConnections();
  await waitForState(service, 'connected');
  const key = await keyAfterRotation(device);
  assert.equal(key.signedPreKey.keyId, 2);
  const friend = await mock.createAccount('Friend');
  await friend.addSingleUseKey(device, key);
  await friend.sendText(device, 'using the new signed pre-key');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'using the new signed pre-key');
});

test('a computer that stays connected for a week still replaces its signed pre-key (upkeep runs on a timer too)', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { device } = await linkSignalService(t, mock, { clock, timing: FAST });
  assert.equal((await device.popSingleUseKey()).signedPreKey.keyId, 1);
  clock.advance(8 * 24 * 3600_000); // no reconnect: only the timer can notice the key's age
  const key = await keyAfterRotation(device);
  assert.equal(key.signedPreKey.keyId, 2);
});

test('replaced signed and last-resort keys are deleted a month on (the five newest stay), and peers still reach the current one', async (t) => {
  const mock = await startMockSignal(t);
  const clock = new OffsetClock();
  const { store, device, service } = await linkSignalService(t, mock, { clock, timing: FAST });
  const repo = new SignalPreKeyRepo(store);
  // Nine weekly rotations: keys 1 (linking) to 10, one every 8 days, 72 days in all.
  for (let rotation = 2; rotation <= 10; rotation++) {
    clock.advance(8 * 24 * 3600_000);
    mock.dropConnections();
    await waitForState(service, 'connected');
    const deadline = Date.now() + 10_000;
    while (repo.countRotatingKeys('aci').signed < Math.min(rotation, 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    while ((await device.popSingleUseKey()).signedPreKey.keyId !== rotation && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  // The server has a new key before the upkeep hears back from it and deletes the old ones (and
  // the PNI's rotation follows the ACI's): wait for the deletions, at most a few seconds.
  const settleBy = Date.now() + 5_000;
  const over = (kind: 'aci' | 'pni') => Math.max(...Object.values(repo.countRotatingKeys(kind))) > 5;
  while ((over('aci') || over('pni')) && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 20));
  // Keys 6–10 are the five newest; key 5 (40 days old) and older are gone, for both identities.
  assert.deepEqual(repo.countRotatingKeys('aci'), { signed: 5, lastResort: 5 });
  assert.deepEqual(repo.countRotatingKeys('pni'), { signed: 5, lastResort: 5 });
  assert.equal(repo.getSignedPreKey('aci', 5), undefined);
  assert.ok(repo.getSignedPreKey('aci', 6), 'a key replaced 32 days ago is among the five newest and stays');

  const key = await device.popSingleUseKey();
  assert.equal(key.signedPreKey.keyId, 10);
  const friend = await mock.createAccount('Friend');
  await friend.addSingleUseKey(device, key);
  await friend.sendText(device, 'after two months of rotations');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'after two months of rotations');
});
