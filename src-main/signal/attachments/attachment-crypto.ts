// Signal's attachment encryption: AES-256-CBC with a random IV, HMAC-SHA256 over IV and
// ciphertext, and a SHA-256 digest of the whole blob that the message carries. Plaintext is
// padded to a size bucket first so the blob size says little about the content.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignalError } from '../errors.js';

export interface EncryptedAttachment {
  /** iv || ciphertext || mac: what is uploaded. */
  readonly blob: Uint8Array;
  /** aes key || mac key (64 bytes): goes into the AttachmentPointer. */
  readonly key: Uint8Array;
  readonly digest: Uint8Array;
  /** The plaintext size (the receiver cuts the padding off with it). */
  readonly size: number;
}

/** Signal clients pad attachments to max(541, 1.05^ceil(log_1.05(size))) bytes. */
export function paddedSize(size: number): number {
  return Math.max(541, Math.floor(1.05 ** Math.ceil(Math.log(Math.max(size, 1)) / Math.log(1.05))));
}

export function encryptAttachment(plaintext: Uint8Array): EncryptedAttachment {
  const aesKey = randomBytes(32);
  const macKey = randomBytes(32);
  const iv = randomBytes(16);
  const padded = Buffer.alloc(paddedSize(plaintext.byteLength));
  padded.set(plaintext);
  const cipher = createCipheriv('aes-256-cbc', aesKey, iv);
  const ciphertext = Buffer.concat([cipher.update(padded), cipher.final()]);
  const mac = createHmac('sha256', macKey).update(iv).update(ciphertext).digest();
  const blob = Buffer.concat([iv, ciphertext, mac]);
  return { blob, key: Buffer.concat([aesKey, macKey]), digest: createHash('sha256').update(blob).digest(), size: plaintext.byteLength };
}

/** Checks digest and MAC, decrypts, and cuts the plaintext to `size`. */
export function decryptAttachment(blob: Uint8Array, key: Uint8Array, digest: Uint8Array | undefined, size: number | undefined): Uint8Array {
  if (key.byteLength !== 64) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment key has the wrong length.');
  if (blob.byteLength < 16 + 16 + 32) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment is too short to be valid.');
  if (!digest) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment comes without a digest.');
  const actualDigest = createHash('sha256').update(blob).digest();
  if (digest.byteLength !== 32 || !timingSafeEqual(actualDigest, digest)) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment does not match its digest.');
  const aesKey = key.subarray(0, 32);
  const macKey = key.subarray(32, 64);
  const iv = blob.subarray(0, 16);
  const ciphertext = blob.subarray(16, blob.byteLength - 32);
  const mac = createHmac('sha256', macKey).update(iv).update(ciphertext).digest();
  if (!timingSafeEqual(mac, blob.subarray(blob.byteLength - 32))) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment failed its integrity check.');
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey, iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment could not be decrypted.', { cause: error });
  }
  if (size !== undefined && size > plaintext.byteLength) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment is shorter than announced.');
  return new Uint8Array(size === undefined ? plaintext : plaintext.subarray(0, size));
}
