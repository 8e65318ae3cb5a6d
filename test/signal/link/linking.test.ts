import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PrivateKey } from '@signalapp/libsignal-client';
import { silentLogger } from '../../../src-main/shared/logger.js';
import { createNet } from '../../../src-main/signal/connection/net-factory.js';
import type { SignalError } from '../../../src-main/signal/errors.js';
import { completeLink } from '../../../src-main/signal/link/linking.js';
import { loadServerConfig } from '../../../src-main/signal/server-config.js';
import { ProtocolRepo } from '../../../src-main/store/protocol-repo.js';
import { SignalAccountRepo } from '../../../src-main/store/signal-account-repo.js';
import { SignalPreKeyRepo } from '../../../src-main/store/signal-prekey-repo.js';
import { unreachableSignalConfig } from '../../helpers/signal-config.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { createSignalService, linkSignalService, openSignalStore, waitForPairingUrl, waitForState } from '../../helpers/signal-service.js';

test('the phone links the computer by scanning the sgnl://linkdevice URL, and it connects', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const status = service.status();
  assert.equal(status.state, 'connected');
  assert.equal(status.account?.aci, mock.phone.device.aci);
  assert.equal(status.account?.deviceId, device.deviceId);
  assert.equal(status.account?.deviceName, 'Test Computer');
  assert.match(status.account?.numberHint ?? '', /^\+…\d\d$/);
  assert.equal(service.pairing().url, null);
});

test('while unlinked the pairing URL is a sgnl://linkdevice URL with uuid and pub_key', async (t) => {
  const mock = await startMockSignal(t);
  const service = createSignalService(t, mock);
  await service.start();
  const url = new URL(await waitForPairingUrl(service));
  assert.equal(url.protocol, 'sgnl:');
  assert.equal(url.host, 'linkdevice');
  assert.match(url.searchParams.get('uuid') ?? '', /.+/);
  assert.equal(Buffer.from(url.searchParams.get('pub_key') ?? '', 'base64').byteLength, 33);
  assert.equal(service.status().state, 'linking');
});

test('a restart with the same database reconnects without linking again', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const first = await linkSignalService(t, mock, { store });
  await first.service.stop();
  const second = createSignalService(t, mock, { store });
  await second.start();
  await waitForState(second, 'connected');
  assert.equal(second.pairing().url, null);
  assert.equal(second.status().account?.deviceId, first.device.deviceId);
});

test('an expiring QR code is replaced by a new URL (announced as a pairing event), and the new one links', async (t) => {
  const mock = await startMockSignal(t);
  const service = createSignalService(t, mock, { timing: { linkUrlMaxAgeMs: 800 } });
  const urls: string[] = [];
  service.on('pairing', (p) => {
    if (p.url && !urls.includes(p.url)) urls.push(p.url);
  });
  await service.start();
  const deadline = Date.now() + 15_000;
  while (urls.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(urls.length >= 3, `renewed: ${urls.length} URLs`);
  assert.equal(new Set(urls.map((u) => new URL(u).searchParams.get('uuid'))).size, urls.length, 'each URL has its own address');
  const expiresAt = Date.parse(service.pairing().expiresAt ?? '');
  assert.ok(expiresAt > Date.now() - 1000);
  // Scan the next QR code as soon as it is shown.
  const seen = urls.length;
  while (urls.length === seen) await new Promise((resolve) => setTimeout(resolve, 10));
  const fresh = urls[urls.length - 1] ?? '';
  await mock.completeLink(fresh);
  await waitForState(service, 'connected');
});

test('the QR code rotates with a live socket behind it: the new code replaces the old one without a gap, and the code shown just before still links', async (t) => {
  const mock = await startMockSignal(t);
  const service = createSignalService(t, mock, { timing: { linkUrlMaxAgeMs: 400 } });
  const shown: Array<string | null> = [];
  service.on('pairing', (p) => {
    if (shown.at(-1) !== p.url) shown.push(p.url);
  });
  await service.start();
  const deadline = Date.now() + 15_000;
  while (shown.filter((u) => u !== null).length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const urls = shown.filter((u): u is string => u !== null);
  assert.ok(urls.length >= 4, `rotated: ${JSON.stringify(shown)}`);
  assert.ok(!shown.slice(shown.indexOf(urls[0] ?? '')).includes(null), `no moment without a code once one was shown: ${JSON.stringify(shown)}`);
  // Sockets waiting on the server: the code on screen and the one before it, no more.
  const waiting = (mock.server as unknown as { provisionQueue: { entries: unknown[] } }).provisionQueue.entries.length;
  assert.ok(waiting <= 2, `${waiting} linking sockets open`);
  // The phone scanned the code just before it was replaced: its socket still takes the phone's answer.
  const current = service.pairing().url;
  const previous = urls[urls.indexOf(current ?? '') - 1];
  assert.ok(previous, 'a code shown before the current one');
  await mock.completeLink(previous);
  await waitForState(service, 'connected');
});

test('the server closes the linking socket: the dead QR code is withdrawn at once and a new one, which links, takes its place', async (t) => {
  const mock = await startMockSignal(t);
  const service = createSignalService(t, mock);
  await service.start();
  const first = await waitForPairingUrl(service);
  const shown: Array<string | null> = [];
  service.on('pairing', (p) => {
    if (shown.at(-1) !== p.url) shown.push(p.url);
  });
  mock.dropConnections();
  const deadline = Date.now() + 15_000;
  while (!shown.some((u) => u !== null && u !== first) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const next = shown.find((u) => u !== null && u !== first);
  assert.ok(next, `a new QR code: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown.slice(0, shown.indexOf(next)), [null], 'the dead code went first, and was never shown again');
  assert.equal(service.status().state, 'linking');
  await mock.completeLink(next);
  await waitForState(service, 'connected');
});

test('a provision message without the account\u2019s PNI identity is refused before anything is sent or stored', async (t) => {
  const store = openSignalStore(t);
  const accounts = new SignalAccountRepo(store);
  const identity = PrivateKey.generate();
  const message = {
    aciIdentityKeyPublic: identity.getPublicKey().serialize(),
    aciIdentityKeyPrivate: identity.serialize(),
    aci: randomUUID(),
    provisioningCode: '123456',
  };
  const deps = {
    // A server nobody listens on: the refusal must come before any request.
    net: createNet(loadServerConfig(await unreachableSignalConfig(t)), 'test'),
    store,
    accounts,
    prekeys: new SignalPreKeyRepo(store),
    protocol: new ProtocolRepo(store),
    logger: silentLogger(),
    now: () => Date.now(),
  };
  await assert.rejects(completeLink(deps, message, 'Test Computer'), (e: SignalError) => e.code === 'SIGNAL_LINK_FAILED' && /phone-number identity \(PNI\)/.test(e.message) && /Update Signal on the phone/.test(e.hint ?? ''));
  assert.equal(accounts.get(), undefined);
});
