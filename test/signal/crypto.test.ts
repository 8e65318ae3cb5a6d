import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateKey } from '@signalapp/libsignal-client';
import { encryptAttachment as mockEncryptAttachment, encryptProvisionMessage } from '@signalapp/mock-server/src/crypto.js';
import { decryptAttachment, encryptAttachment, paddedSize } from '../../src-main/signal/attachments/attachment-crypto.js';
import { decryptDeviceName, encryptDeviceName } from '../../src-main/signal/link/device-name.js';
import { decryptProvisionBody, generateProvisioningKeyPair } from '../../src-main/signal/link/provisioning-cipher.js';
// The mock server pins its own libsignal copy; its crypto helpers want that copy's key objects.
import { PublicKey as MockPublicKey } from '@signalapp/mock-server/node_modules/@signalapp/libsignal-client/dist/index.js';

test('a provision message encrypted the way the phone does it (mock server) decrypts; a tampered one does not', () => {
  const keys = generateProvisioningKeyPair();
  const ours = MockPublicKey.deserialize(Buffer.from(keys.publicKeyBase64, 'base64'));
  const plaintext = Buffer.from('provision message bytes');
  const { body, ephemeralKey } = encryptProvisionMessage(plaintext, ours);
  assert.ok(Buffer.from(decryptProvisionBody(keys.privateKey, ephemeralKey, body)).equals(plaintext));
  const tampered = Buffer.from(body);
  tampered[20] = (tampered[20] ?? 0) ^ 1;
  assert.throws(() => decryptProvisionBody(keys.privateKey, ephemeralKey, tampered), /integrity/);
  assert.throws(() => decryptProvisionBody(generateProvisioningKeyPair().privateKey, ephemeralKey, body), /integrity/);
});

test('the device name is readable only with the account identity key', () => {
  const identity = PrivateKey.generate();
  const encrypted = encryptDeviceName('Ada\u2019s MacBook', identity.getPublicKey());
  assert.equal(decryptDeviceName(encrypted, identity), 'Ada\u2019s MacBook');
  assert.throws(() => decryptDeviceName(encrypted, PrivateKey.generate()));
});

test('attachments: the mock\u2019s encryption decrypts here, ours round-trips, and digest or size lies are caught', () => {
  const data = Buffer.from('a screenshot, say'.repeat(100));
  const theirs = mockEncryptAttachment(data);
  assert.ok(Buffer.from(decryptAttachment(theirs.blob, theirs.key, theirs.digest, theirs.size)).equals(data));

  const ours = encryptAttachment(data);
  assert.equal(ours.blob.byteLength, 16 + (Math.floor(paddedSize(data.byteLength) / 16) + 1) * 16 + 32, 'padded to the size bucket');
  assert.ok(Buffer.from(decryptAttachment(ours.blob, ours.key, ours.digest, ours.size)).equals(data));
  assert.throws(() => decryptAttachment(ours.blob, ours.key, theirs.digest, ours.size), /digest/);
  assert.throws(() => decryptAttachment(ours.blob, ours.key, undefined, ours.size), /without a digest/);
  assert.throws(() => decryptAttachment(ours.blob, ours.key, ours.digest, paddedSize(data.byteLength) + 1), /shorter/);
  for (const size of [1, 541, 542, 10_000, 1_000_000]) {
    assert.ok(paddedSize(size) >= size && paddedSize(size) <= Math.max(541, size * 1.05), `bucket for ${size}`);
  }
});
