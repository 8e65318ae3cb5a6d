import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNet } from '../../../src-main/signal/connection/net-factory.js';
import { loadServerConfig } from '../../../src-main/signal/server-config.js';
import { SignalAccountRepo } from '../../../src-main/store/signal-account-repo.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { createSignalService, linkSignalService, waitForInbound, waitForPairingUrl, waitForState } from '../../helpers/signal-service.js';

const FAST = { reconnect: { initialMs: 50, maxMs: 400 }, healthyAfterMs: 1000 };

test('the server drops the socket mid-burst: the computer reconnects and every message arrives exactly once', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock, { timing: FAST });
  const states: string[] = [];
  service.on('status', (s) => states.push(s.state));
  const bodies = Array.from({ length: 30 }, (_, i) => `message ${i}`);
  const sending = Promise.all(bodies.map((body, i) => mock.phone.sendText(device, body, { timestamp: 1_700_000_000_000 + i })));
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'message 5');
  mock.dropConnections();
  await sending;
  // Messages the phone sends while the computer is away are queued by the server.
  await mock.phone.sendText(device, 'sent while reconnecting');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'sent while reconnecting');
  await waitForState(service, 'connected');
  await service.linkedSession?.receiver.idle();
  const received = service.pendingInbound(1000).map((e) => (e.type === 'message' ? e.body : e.type));
  assert.deepEqual([...received].sort(), [...bodies, 'sent while reconnecting'].sort());
  assert.ok(states.includes('disconnected') || states.includes('connecting'), `went through a reconnect: ${states.join(' → ')}`);
});

test('the phone removes this device (the server refuses our credentials): state unlinked-by-phone, no reconnect loop, survives restart', async (t) => {
  const mock = await startMockSignal(t);
  const { service, store, device } = await linkSignalService(t, mock, { timing: FAST });
  await mock.server.removeDeviceByServiceId(mock.phone.device.aci as never, device.deviceId);
  mock.dropConnections();
  await waitForState(service, 'unlinked-by-phone');
  assert.match(service.status().lastError ?? '', /removed from the Signal account/);
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(service.status().state, 'unlinked-by-phone', 'it does not try again');
  await service.stop();

  const restarted = createSignalService(t, mock, { store, timing: FAST });
  await restarted.start();
  assert.equal(restarted.status().state, 'unlinked-by-phone');
  assert.equal(restarted.pairing().url, null);
  // Pairing again shows a new QR code.
  restarted.startLinking();
  assert.equal(restarted.status().state, 'linking');
  assert.match(await waitForPairingUrl(restarted), /^sgnl:\/\/linkdevice\?/);
});

test('another process connects with the same credentials: this one steps back (credentials kept), says why, and comes back later', async (t) => {
  const mock = await startMockSignal(t);
  const { service, store, device } = await linkSignalService(t, mock, { timing: { ...FAST, elsewhere: { initialMs: 1500, maxMs: 3000 } } });
  const account = new SignalAccountRepo(store).get();
  assert.ok(account);
  const intruder = await createNet(loadServerConfig(mock.configPath), 'other-process').connectAuthenticatedChat(`${account.aci}.${account.deviceId}`, account.password, false, {
    onIncomingMessage: (_e, _t, ack) => ack.send(200),
    onQueueEmpty: () => undefined,
    onConnectionInterrupted: () => undefined,
  });
  await waitForState(service, 'disconnected');
  assert.match(service.status().lastError ?? '', /Another copy of Signal Claude is using this device’s credentials; stop it, or link this computer again; trying again in \d+ s/);
  assert.equal(new SignalAccountRepo(store).get()?.state, 'linked', 'not unlinked: the credentials are kept');
  const steppedBackAt = Date.now();

  // The other copy stops; this one reconnects after its wait (not at once: that would throw
  // the other copy off), and messages flow again.
  await intruder.disconnect();
  await waitForState(service, 'connected');
  assert.ok(Date.now() - steppedBackAt >= 750, 'waited at least half the first wait (jitter) before reconnecting');
  await mock.phone.sendText(device, 'back again');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'back again');
});
