// Sealed-sender certificates are valid at the time the server accepted the message, not at the
// time this computer gets around to reading it: after a night offline, queued sealed messages
// must still arrive (as in Signal Desktop, which checks against the envelope's server timestamp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { sealWithCertificateExpiring } from '../../helpers/sender-certificate.js';
import { linkSignalService, waitForInbound } from '../../helpers/signal-service.js';

const HOUR = 3_600_000;

test('a sealed message whose certificate expired between send and receive still arrives', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const sentAt = Date.now() - 2 * HOUR; // queued on the server while the computer was off
  await sealWithCertificateExpiring(mock, mock.phone, sentAt + HOUR); // expired an hour ago
  await mock.phone.sendText(device, 'written last night', { sealed: true, timestamp: sentAt });
  const event = await waitForInbound(service, (e) => e.type === 'message');
  assert.equal(event.type === 'message' && event.body, 'written last night');
  assert.equal(event.sealed, true);
  assert.equal(event.sentAt, sentAt);
});

test('a sealed message whose certificate had already expired when the server took it is refused', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const sentAt = Date.now() - HOUR;
  await sealWithCertificateExpiring(mock, mock.phone, sentAt - 1000);
  await mock.phone.sendText(device, 'stale certificate', { sealed: true, timestamp: sentAt });
  await sealWithCertificateExpiring(mock, mock.phone, Date.now() + HOUR);
  await mock.phone.sendText(device, 'fresh certificate', { sealed: true });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'fresh certificate');
  assert.deepEqual(service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)), ['fresh certificate']);
});

test('a certificate that let one message in is still refused on a message the server took after it expired', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const expires = Date.now() - HOUR;
  await sealWithCertificateExpiring(mock, mock.phone, expires);
  await mock.phone.sendText(device, 'before the expiry', { sealed: true, timestamp: expires - 1000 });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'before the expiry');
  await mock.phone.sendText(device, 'after the expiry', { sealed: true, timestamp: expires + 1000 });
  await sealWithCertificateExpiring(mock, mock.phone, Date.now() + HOUR);
  await mock.phone.sendText(device, 'fresh certificate', { sealed: true });
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'fresh certificate');
  assert.deepEqual(
    service.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)),
    ['before the expiry', 'fresh certificate'],
  );
});
