// A sender that finds no one-time Kyber key starts its session with this device's last-resort
// Kyber key. That first message must not work twice: replayed (with a new envelope timestamp, so
// nothing else recognises it) after the session it started is gone, it would start the session
// again and be stored a second time. libsignal hands markKyberPreKeyUsed the key ids and the
// sender's base key; the store refuses a combination it has seen, as Signal Desktop's does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src-main/store/database.js';
import { Proto, encryptContent, startMockSignal, ServiceIdKind, type Device } from '../../helpers/mock-signal.js';
import { createSignalService, linkSignalService, waitForInbound, waitForState } from '../../helpers/signal-service.js';

type Bundle = Awaited<ReturnType<Device['popSingleUseKey']>>;

/** Takes keys from the server's stock for the device until the bundle carries its last-resort Kyber key. */
async function lastResortBundle(device: Device): Promise<Bundle> {
  const keys = (device as unknown as { keys: Map<unknown, { lastResortKey?: unknown }> }).keys.get(ServiceIdKind.ACI);
  for (let i = 0; i < 1000; i++) {
    const bundle = await device.popSingleUseKey();
    if (bundle.pqPreKey === keys?.lastResortKey) return bundle;
  }
  throw new Error('the device never handed out its last-resort Kyber key');
}

function bodies(store: Store): string[] {
  return (store.db.prepare("SELECT event FROM signal_inbox WHERE type = 'message'", { pluck: true }).all() as string[]).map((json) => String((JSON.parse(json) as { body?: string }).body));
}

test('a first message on the last-resort Kyber key, replayed after its session is gone, is refused and stored once', async (t) => {
  const mock = await startMockSignal(t);
  const first = await linkSignalService(t, mock);
  const { store, device } = first;
  const stranger = await mock.createAccount('Stranger');
  await stranger.addSingleUseKey(device, await lastResortBundle(device));
  const sentAt = Date.now();
  const envelope = await encryptContent(stranger, device, { content: { dataMessage: { body: 'hello once', timestamp: BigInt(sentAt) } } }, { timestamp: sentAt });
  await mock.server.send(device, envelope);
  await waitForInbound(first.service, (e) => e.type === 'message' && e.body === 'hello once');

  // The session it started goes (reset, or lost): what a replay needs to be taken as new.
  await first.service.stop();
  store.db.prepare('DELETE FROM signal_sessions WHERE service_id = ?').run([stranger.device.aci]);
  const second = createSignalService(t, mock, { store });
  await second.start();
  await waitForState(second, 'connected');

  const replay = Proto.Envelope.decode(envelope);
  const replayed = Buffer.from(Proto.Envelope.encode({ ...replay, clientTimestamp: BigInt(sentAt + 1) }));
  await mock.server.send(device, replayed); // resolves once the computer acknowledged it
  assert.deepEqual(bodies(store), ['hello once'], 'the replay was not stored again');
  assert.equal(Number(store.db.prepare('SELECT count(*) FROM signal_sessions WHERE service_id = ?', { pluck: true }).get([stranger.device.aci])), 0, 'and started no session');
});
