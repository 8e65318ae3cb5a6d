import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encryptAttachment as mockEncryptAttachment } from '@signalapp/mock-server/src/crypto.js';
import { sendContent, startMockSignal, type MockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, waitForInbound, waitForSent } from '../../helpers/signal-service.js';
import { downloadLikeAPhone } from '../../helpers/phone.js';

/** The phone uploads an attachment to the mock CDN and sends a message pointing at it. */
async function phoneSendsAttachment(mock: MockSignal, device: Parameters<MockSignal['phone']['sendText']>[0], data: Buffer<ArrayBuffer>, contentType: string, body?: string): Promise<void> {
  const encrypted = mockEncryptAttachment(data);
  const cdnKey = randomBytes(16).toString('hex');
  await mock.server.storeAttachmentOnCdn(3, cdnKey, encrypted.blob);
  const timestamp = Date.now();
  await sendContent(mock.phone, device, {
    content: {
      dataMessage: {
        timestamp: BigInt(timestamp),
        ...(body !== undefined ? { body } : {}),
        attachments: [{ attachmentIdentifier: { cdnKey }, cdnNumber: 3, key: encrypted.key, digest: encrypted.digest, size: encrypted.size, contentType, fileName: 'report.txt' }],
      },
    },
  }, { timestamp });
}

test('phone → computer: an attachment is downloaded from the CDN, verified and decrypted', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const data = randomBytes(50_000);
  await phoneSendsAttachment(mock, device, data, 'application/octet-stream', 'see attached');
  const event = await waitForInbound(service, (e) => e.type === 'message');
  assert.equal(event.type, 'message');
  if (event.type !== 'message') return;
  assert.equal(event.body, 'see attached');
  assert.equal(event.attachments.length, 1);
  const [attachment] = event.attachments;
  assert.equal(attachment?.status, 'ready');
  assert.equal(attachment?.fileName, 'report.txt');
  assert.equal(attachment?.size, data.byteLength);
  assert.ok(Buffer.from(service.readAttachment(attachment?.id ?? -1) ?? []).equals(data));
});

test('an attachment over the size limit is not downloaded; the message still arrives', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock, { maxAttachmentBytes: 10_000 });
  await phoneSendsAttachment(mock, device, randomBytes(20_000), 'image/png', 'too big');
  const event = await waitForInbound(service, (e) => e.type === 'message');
  if (event.type !== 'message') return assert.fail('expected a message');
  assert.equal(event.attachments[0]?.status, 'failed');
  assert.match(event.attachments[0]?.error ?? '', /limit/);
  assert.equal(service.readAttachment(event.attachments[0]?.id ?? -1), undefined);
});

test('phone → computer: a long text sent as a text attachment arrives as the full body', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const full = 'x'.repeat(1990) + ' and the rest of a very long instruction: '.repeat(50);
  await phoneSendsAttachment(mock, device, Buffer.from(full), 'text/x-signal-plain', full.slice(0, 2000));
  const event = await waitForInbound(service, (e) => e.type === 'message');
  if (event.type !== 'message') return assert.fail('expected a message');
  assert.equal(event.body, full);
  assert.deepEqual(event.attachments, []);
});

test('computer → phone: an attachment is uploaded to CDN3 and the phone can fetch and decrypt it', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const patch = Buffer.from('--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-old\n+new\n'.repeat(200));
  const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body: 'the diff', attachments: [{ data: patch, contentType: 'text/x-patch', fileName: 'turn-3.patch' }] });
  const message = await mock.phone.waitForMessage();
  await waitForSent(service, outboxId);
  assert.equal(message.body, 'the diff');
  const [pointer] = message.dataMessage.attachments;
  assert.ok(pointer);
  assert.equal(pointer.cdnNumber, 3);
  assert.equal(pointer.contentType, 'text/x-patch');
  assert.equal(pointer.fileName, 'turn-3.patch');
  const cdnKey = pointer.attachmentIdentifier?.cdnKey;
  assert.ok(cdnKey);
  assert.ok((await downloadLikeAPhone(mock, { ...pointer, cdnKey })).equals(patch));
});

test('computer → phone: a long reply travels as a text attachment with the start as body', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const long = 'Summary of the changes. '.repeat(200);
  service.send({ to: { kind: 'note-to-self' }, body: long });
  const message = await mock.phone.waitForMessage();
  assert.ok(long.startsWith(message.body));
  assert.ok(Buffer.byteLength(message.body) <= 2000);
  const [pointer] = message.dataMessage.attachments;
  assert.equal(pointer?.contentType, 'text/x-signal-plain');
  const text = await downloadLikeAPhone(mock, { ...pointer, cdnKey: pointer?.attachmentIdentifier?.cdnKey });
  assert.equal(text.toString('utf8'), long);
});
