// Opens the provisioning envelope the phone sends through the server when it scans the QR code
// (Signal's ProvisioningCipher): ECDH with our one-off key, HKDF, HMAC-SHA256 then AES-256-CBC.
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { hkdf, PrivateKey, PublicKey } from '@signalapp/libsignal-client';
import { SignalError } from '../errors.js';

const INFO = new TextEncoder().encode('TextSecure Provisioning Message');
const VERSION = 1;

export interface ProvisioningKeyPair {
  readonly privateKey: PrivateKey;
  /** Goes into the QR code as pub_key. */
  readonly publicKeyBase64: string;
}

export function generateProvisioningKeyPair(): ProvisioningKeyPair {
  const privateKey = PrivateKey.generate();
  return { privateKey, publicKeyBase64: Buffer.from(privateKey.getPublicKey().serialize()).toString('base64') };
}

/** Decrypts a ProvisionEnvelope's body; throws SIGNAL_MALFORMED when it is not for us or damaged. */
export function decryptProvisionBody(ourKey: PrivateKey, theirPublicKey: Uint8Array, body: Uint8Array): Uint8Array {
  if (body.byteLength < 1 + 16 + 16 + 32 || body[0] !== VERSION) {
    throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone has an unknown format.');
  }
  let theirKey: PublicKey;
  try {
    theirKey = PublicKey.deserialize(new Uint8Array(theirPublicKey));
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone carries an invalid key.', { cause: error });
  }
  const secrets = hkdf(64, ourKey.agree(theirKey), INFO, null);
  const aesKey = secrets.subarray(0, 32);
  const macKey = secrets.subarray(32, 64);
  const signed = body.subarray(0, body.byteLength - 32);
  const mac = body.subarray(body.byteLength - 32);
  const expected = createHmac('sha256', macKey).update(signed).digest();
  if (!timingSafeEqual(expected, mac)) {
    throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone failed its integrity check.');
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey, body.subarray(1, 17));
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(17, body.byteLength - 32)), decipher.final()]));
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone could not be decrypted.', { cause: error });
  }
}
