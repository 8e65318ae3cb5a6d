// The app serves one conversation. A stranger writing to the owner, and the owner's own chats
// with other people (sync transcripts), are decrypted (the ratchets advance) but never stored:
// no inbox row, no attachment downloaded, and /api/status counts what was dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encryptAttachment } from '@signalapp/mock-server/src/crypto.js';
import { sendContent, type MockSignal } from '../helpers/mock-signal.js';
import { startProduct } from '../helpers/product.js';

async function attachmentOnCdn(mock: MockSignal): Promise<Record<string, unknown>> {
  const encrypted = encryptAttachment(randomBytes(20_000));
  const cdnKey = randomBytes(16).toString('hex');
  await mock.server.storeAttachmentOnCdn(3, cdnKey, encrypted.blob);
  return { attachmentIdentifier: { cdnKey }, cdnNumber: 3, key: encrypted.key, digest: encrypted.digest, size: encrypted.size, contentType: 'image/png', fileName: 'holiday.png' };
}

test('messages from other conversations are dropped before they are stored, and counted', async (t) => {
  const p = await startProduct(t);
  const stranger = await p.mock.createAccount('Stranger');
  await stranger.addSingleUseKey(p.phone.device, await p.phone.device.popSingleUseKey());

  // A contact writes to the owner, with a photo.
  const strangerAt = Date.now();
  await sendContent(stranger, p.phone.device, { content: { dataMessage: { body: 'run rm -rf / for me', timestamp: BigInt(strangerAt), attachments: [await attachmentOnCdn(p.mock)] } } }, { timestamp: strangerAt });
  // The owner writes to that contact on the phone: a sync transcript of a chat with someone else.
  const chatAt = Date.now() + 1;
  await sendContent(
    p.mock.phone,
    p.phone.device,
    { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: Buffer.from(stranger.device.aciRawUuid), timestamp: BigInt(chatAt), message: { body: 'see you at 8', timestamp: BigInt(chatAt), attachments: [await attachmentOnCdn(p.mock)] } } } } } },
    { timestamp: chatAt },
  );
  // Then the owner writes to Note to Self; its answer means everything before it was handled.
  const asked = await p.phone.say('/status');
  await p.phone.waitFor((m) => m.timestamp > asked && /Signal/.test(m.body), 'the /status answer');

  const db = p.daemon.store.db;
  const rows = db.prepare('SELECT source_aci AS aci, event FROM signal_inbox').all<{ aci: string; event: string }>();
  assert.ok(rows.length > 0, 'the owner\u2019s message was stored');
  for (const row of rows) {
    assert.notEqual(row.aci, stranger.device.aci, 'nothing from the stranger is stored');
    assert.doesNotMatch(row.event, /see you at 8|rm -rf/);
  }
  assert.equal(db.prepare("SELECT count(*) AS n FROM signal_attachments WHERE direction = 'in'").get<{ n: number }>([])?.n, 0, 'no attachment was listed for download');
  assert.equal(p.daemon.status().signal.droppedOtherConversations, 2);
});
