// The device name the server stores for a linked device, encrypted to the account's identity
// key so only the owner's own devices can read it (Signal Desktop's encryptDeviceName), and its
// renaming (PUT /v1/accounts/name, as Signal Desktop's updateDeviceName does).
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { PrivateKey, PublicKey } from '@signalapp/libsignal-client';
import { decodeProto, encodeProto } from '../protocol/proto.js';
import type { ChatApi } from '../connection/chat-api.js';

function hmac(key: Uint8Array, data: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** Returns the serialized DeviceName protobuf. */
export function encryptDeviceName(name: string, identityPublic: PublicKey): Uint8Array {
  const plaintext = Buffer.from(name, 'utf8');
  const ephemeral = PrivateKey.generate();
  const masterSecret = ephemeral.agree(identityPublic);
  const syntheticIv = hmac(hmac(masterSecret, 'auth'), plaintext).subarray(0, 16);
  const cipherKey = hmac(hmac(masterSecret, 'cipher'), syntheticIv);
  const cipher = createCipheriv('aes-256-ctr', cipherKey, Buffer.alloc(16));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return encodeProto('DeviceName', { ephemeralPublic: ephemeral.getPublicKey().serialize(), syntheticIv, ciphertext });
}

/** The inverse (what the owner's other devices do to show the name). */
export function decryptDeviceName(encoded: Uint8Array, identityPrivate: PrivateKey): string {
  const parsed = decodeProto('DeviceName', encoded) as { ephemeralPublic?: Uint8Array; syntheticIv?: Uint8Array; ciphertext?: Uint8Array };
  if (!parsed.ephemeralPublic || !parsed.syntheticIv || !parsed.ciphertext) throw new Error('incomplete device name');
  const masterSecret = identityPrivate.agree(PublicKey.deserialize(new Uint8Array(parsed.ephemeralPublic)));
  const cipherKey = hmac(hmac(masterSecret, 'cipher'), parsed.syntheticIv);
  const decipher = createDecipheriv('aes-256-ctr', cipherKey, Buffer.alloc(16));
  const plaintext = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  const check = hmac(hmac(masterSecret, 'auth'), plaintext).subarray(0, 16);
  if (!check.equals(Buffer.from(parsed.syntheticIv))) throw new Error('device name integrity check failed');
  return plaintext.toString('utf8');
}

/**
 * Asks the server to store `name` as this linked device's name (what the phone's Linked devices
 * list shows). True when it took it; false when it refused or could not be reached (the caller
 * keeps the name locally either way and says so).
 */
export async function renameOnServer(api: ChatApi, device: { readonly deviceId: number; readonly aciIdentityPrivate: Uint8Array }, name: string): Promise<boolean> {
  const identity = PrivateKey.deserialize(new Uint8Array(device.aciIdentityPrivate)).getPublicKey();
  const deviceName = Buffer.from(encryptDeviceName(name, identity)).toString('base64');
  try {
    const response = await api.request('PUT', `/v1/accounts/name?deviceId=${device.deviceId}`, { json: { deviceName } });
    return response.status >= 200 && response.status < 300;
  } catch {
    return false;
  }
}
