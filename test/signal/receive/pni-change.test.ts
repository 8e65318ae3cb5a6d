// The owner changes their phone number: the phone sends this device the account's new PNI
// identity and keys (a pniChangeNumber sync message). Afterwards a contact who knows only the new
// number writes to the new PNI, and the message decrypts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalAccountRepo } from '../../../src-main/store/signal-account-repo.js';
import { decodeProto, encodeProto } from '../../../src-main/signal/protocol/proto.js';
import { createLogger } from '../../../src-main/shared/logger.js';
import type { SignalService } from '../../../src-main/signal/service.js';
import { encryptContent, startMockSignal, ServiceIdKind, type Device, type MockSignal } from '../../helpers/mock-signal.js';
import { holdDecryption } from '../../helpers/receiver-hold.js';
import { createSignalService, linkSignalService, openSignalStore, waitForInbound, waitForState } from '../../helpers/signal-service.js';

/** A computer linked to the mock phone, its warnings kept, and its account as linking left it. */
async function linkedWithWarnings(t: Parameters<typeof startMockSignal>[0]) {
  const mock = await startMockSignal(t);
  const warned: Array<{ level: number; mod?: string; msg: string }> = [];
  const { logger } = createLogger({ level: 'warn', stream: { write: (line: string) => void warned.push(JSON.parse(line)) } });
  const { service, device, store } = await linkSignalService(t, mock, { logger });
  const accounts = new SignalAccountRepo(store);
  const before = accounts.get();
  assert.ok(before?.pni);
  return { mock, warned, service, device, accounts, before: { ...before, pni: before.pni } };
}

test('after the owner changes their number, the computer takes the new PNI identity, and a message to the new PNI arrives', async (t) => {
  const { mock, service, device, accounts, before } = await linkedWithWarnings(t);

  await mock.phone.changeNumber(); // resolves once this device acknowledged the sync message
  const deadline = Date.now() + 15_000;
  while (accounts.get()?.pni === before.pni && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const after = accounts.get();
  assert.equal(after?.pni, device.pni, 'the new PNI is the account\u2019s');
  assert.notEqual(after?.pni, before.pni);
  await waitForState(service, 'connected');

  // Someone who has only the new number writes to it (a first message, on the new PNI keys).
  await writeToNewNumber(mock, device, service, 'hi, new number');
});

/** A contact who knows only the new number writes to it: the message decrypts on the new PNI keys. */
async function writeToNewNumber(mock: MockSignal, device: Device, service: SignalService, body: string): Promise<void> {
  const contact = await mock.createAccount('New Contact');
  await contact.addSingleUseKey(device, await device.popSingleUseKey(ServiceIdKind.PNI), ServiceIdKind.PNI);
  const sentAt = Date.now();
  const envelope = await encryptContent(contact, device, { content: { dataMessage: { body, timestamp: BigInt(sentAt) } } }, { timestamp: sentAt, serviceIdKind: ServiceIdKind.PNI });
  await mock.server.send(device, envelope);
  const event = await waitForInbound(service, (e) => e.type === 'message' && e.body === body);
  assert.equal(event.source.aci, contact.device.aci);
}

test('a change of number that arrives in one batch with other messages still starts the session again on the new identity', async (t) => {
  const mock = await startMockSignal(t);
  const store = openSignalStore(t);
  const { service, device } = await linkSignalService(t, mock, { store });
  const accounts = new SignalAccountRepo(store);
  const before = accounts.get()?.pni;
  await service.stop();

  // While the computer is off: a message, another, and the change of number; the last two are
  // decrypted as one batch when it connects (the first decryption waits until they queued).
  const at = Date.now();
  const first = await mock.phone.encryptText(device, 'first', { timestamp: at });
  const second = await mock.phone.encryptText(device, 'second', { timestamp: at + 1 });
  const [change] = await mock.phone.prepareChangeNumber();
  assert.ok(change);
  const delivered = [first, second, change.envelope].map((envelope) => mock.server.send(device, envelope));
  const hold = holdDecryption(1, () => (restarted.linkedSession?.receiver.waiting ?? 0) >= 2);
  const restarted = createSignalService(t, mock, { store, receiverHooks: { afterDecrypt: hold.afterDecrypt } });
  await restarted.start();
  const opened = restarted.linkedSession;
  await Promise.all(delivered);
  const deadline = Date.now() + 15_000;
  while (restarted.linkedSession === opened && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.notEqual(restarted.linkedSession, opened, 'the session started again');
  assert.equal(accounts.get()?.pni, device.pni);
  assert.notEqual(device.pni, before);
  await waitForState(restarted, 'connected');
  assert.deepEqual(
    restarted.pendingInbound().map((e) => (e.type === 'message' ? e.body : e.type)),
    ['first', 'second'],
  );
  await writeToNewNumber(mock, device, restarted, 'hi, new number');
});

test('a change of number whose envelope does not say the new PNI is acknowledged and ignored: the account keeps its PNI, and messages go on', async (t) => {
  const { mock, warned, service, device, accounts, before } = await linkedWithWarnings(t);

  const session = service.linkedSession;
  const [change] = await mock.phone.prepareChangeNumber();
  assert.ok(change);
  const { updatedPni: _pni, updatedPniBinary: _binary, ...envelope } = decodeProto('Envelope', change.envelope) as Record<string, unknown>;
  await mock.server.send(device, Buffer.from(encodeProto('Envelope', envelope))); // resolves once acknowledged
  await mock.phone.sendText(device, 'same number as far as you know');
  await waitForInbound(service, (e) => e.type === 'message' && e.body === 'same number as far as you know');
  const after = accounts.get();
  assert.deepEqual({ pni: after?.pni, number: after?.number, pniRegistrationId: after?.pniRegistrationId }, { pni: before.pni, number: before.number, pniRegistrationId: before.pniRegistrationId });
  assert.deepEqual(warned.filter((l) => l.mod === 'signal.receiver').map((l) => l.msg), ['a change of number without the new PNI; ignored']);
  assert.equal(service.linkedSession, session, 'the connection is not started again for a change that was not made');
});

test('the new PNI named as text, with or without its PNI: prefix, is taken too', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device, store } = await linkSignalService(t, mock);
  const accounts = new SignalAccountRepo(store);
  for (const asText of [(pni: string) => pni, (pni: string) => pni.replace(/^PNI:/, '')]) {
    const before = accounts.get()?.pni;
    const session = service.linkedSession;
    const [change] = await mock.phone.prepareChangeNumber();
    assert.ok(change && device.pni);
    const { updatedPniBinary: _binary, ...envelope } = decodeProto('Envelope', change.envelope) as Record<string, unknown>;
    await mock.server.send(device, Buffer.from(encodeProto('Envelope', { ...envelope, updatedPni: asText(device.pni) })));
    const deadline = Date.now() + 15_000;
    while (accounts.get()?.pni === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(accounts.get()?.pni, device.pni);
    // The session starts again on the new identity.
    while (service.linkedSession === session && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await waitForState(service, 'connected');
  }
});
