import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encryptAttachment as mockEncryptAttachment } from '@signalapp/mock-server/src/crypto.js';
import { sendContent, startMockSignal, type MockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, waitForInbound, waitForSent } from '../../helpers/signal-service.js';
import { downloadLikeAPhone } from '../../helpers/phone.js';

/** The phone uploads an attachment to the mock CDN and sends a message pointing at it. */
async function phoneSendsAttachment(
  mock: MockSignal,
  device: Parameters<MockSignal['phone']['sendText']>[0],
  data: Buffer<ArrayBuffer>,
  contentType: string,
  body?: string,
  extra: Record<string, unknown> = {},
  onCdn = true,
): Promise<void> {
  const encrypted = mockEncryptAttachment(data);
  const cdnKey = randomBytes(16).toString('hex');
  if (onCdn) await mock.server.storeAttachmentOnCdn(3, cdnKey, encrypted.blob);
  const timestamp = Date.now();
  await sendContent(mock.phone, device, {
    content: {
      dataMessage: {
        timestamp: BigInt(timestamp),
        ...(body !== undefined ? { body } : {}),
        ...extra,
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

test('phone → computer: a long text sent as a text attachment arrives as the full body, styled beyond its first 2000 bytes', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const full = 'x'.repeat(1990) + ' and the rest of a very long instruction: '.repeat(50);
  // As Signal's clients send it: the body is the beginning, the ranges are the full text's.
  const bodyRanges = [
    { start: 0, length: 5, associatedValue: { style: 1 } },
    { start: 1995, length: 20, associatedValue: { style: 2 } },
    { start: 2500, length: 30, associatedValue: { style: 5 } },
  ];
  await phoneSendsAttachment(mock, device, Buffer.from(full), 'text/x-signal-plain', full.slice(0, 2000), { bodyRanges });
  const event = await waitForInbound(service, (e) => e.type === 'message');
  if (event.type !== 'message') return assert.fail('expected a message');
  assert.equal(event.body, full);
  assert.deepEqual(event.attachments, []);
  assert.deepEqual(event.bodyRanges, [
    { start: 0, length: 5, style: 'bold' },
    { start: 1995, length: 20, style: 'italic' },
    { start: 2500, length: 30, style: 'monospace' },
  ]);
});

test('phone → computer: when the long text cannot be fetched, the beginning keeps the ranges that fall in it', async (t) => {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock);
  const full = 'y'.repeat(3000);
  const bodyRanges = [
    { start: 1990, length: 20, associatedValue: { style: 1 } },
    { start: 2500, length: 30, associatedValue: { style: 5 } },
  ];
  // The long text never reached the CDN (or is gone from it).
  await phoneSendsAttachment(mock, device, Buffer.from(full), 'text/x-signal-plain', full.slice(0, 2000), { bodyRanges }, false);
  const event = await waitForInbound(service, (e) => e.type === 'message');
  if (event.type !== 'message') return assert.fail('expected a message');
  assert.equal(event.body, full.slice(0, 2000));
  assert.deepEqual(event.bodyRanges, [{ start: 1990, length: 10, style: 'bold' }]);
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

test('computer → phone: a long reply travels as a text attachment with the start as body and the full text\u2019s ranges', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const long = 'Summary of the changes. '.repeat(200);
  // A style in the preview, one across its end, one only in the long text (as Signal Desktop sends them).
  const bodyRanges = [
    { start: 0, length: 7, style: 'bold' as const },
    { start: 1990, length: 30, style: 'italic' as const },
    { start: 4000, length: 10, style: 'monospace' as const },
  ];
  service.send({ to: { kind: 'note-to-self' }, body: long, bodyRanges });
  const message = await mock.phone.waitForMessage();
  assert.ok(long.startsWith(message.body));
  assert.deepEqual(
    message.dataMessage.bodyRanges.map((r) => ({ start: r.start, length: r.length, style: r.associatedValue?.style })),
    [
      { start: 0, length: 7, style: 1 },
      { start: 1990, length: 30, style: 2 },
      { start: 4000, length: 10, style: 5 },
    ],
  );
  assert.ok(Buffer.byteLength(message.body) <= 2000);
  const [pointer] = message.dataMessage.attachments;
  assert.equal(pointer?.contentType, 'text/x-signal-plain');
  const text = await downloadLikeAPhone(mock, { ...pointer, cdnKey: pointer?.attachmentIdentifier?.cdnKey });
  assert.equal(text.toString('utf8'), long);
});
