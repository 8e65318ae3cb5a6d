// Turns one server envelope into the sender's plaintext Content bytes: double-ratchet and
// pre-key messages, sealed sender (the sender certificate is checked against the server's
// trust roots at the envelope's server timestamp, the inner message is any of the other kinds
// or a sender-key message), and plaintext content (decryption-error receipts). All protocol
// state changes land in the overlay of `state`; the caller commits them with the message.
import {
  Aci,
  CiphertextMessageType,
  groupDecrypt,
  PlaintextContent,
  PreKeySignalMessage,
  ProtocolAddress,
  sealedSenderDecryptToUsmc,
  ServiceId,
  signalDecrypt,
  signalDecryptPreKey,
  SignalMessage,
} from '@signalapp/libsignal-client';
import type { IdentityKind } from '../../store/signal-account-repo.js';
import { LibErrorCode, libsignalCode, SignalError } from '../errors.js';
import type { ProtocolState } from '../protocol/protocol-stores.js';
import { serviceIdStringFromBinary } from '../protocol/service-ids.js';
import { ENVELOPE_TYPES, type WireEnvelope } from '../protocol/wire-schemas.js';
import type { SenderCertificateCheck } from './sender-certificates.js';

export interface LocalAccount {
  readonly aci: string;
  readonly pni: string | null;
  readonly deviceId: number;
}

/**
 * Decryption of a message from a known sender failed: enough to ask that sender to send it again
 * (a DecryptionErrorMessage, see send/sender.ts) instead of losing it silently.
 */
export class DecryptFailure extends Error {
  constructor(
    readonly sourceAci: string,
    readonly sourceDevice: number,
    readonly ciphertext: Uint8Array,
    readonly ciphertextType: CiphertextMessageType,
    readonly sentAt: number,
    readonly reason: unknown,
  ) {
    super(`could not decrypt a message from a known sender: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
    this.name = 'DecryptFailure';
  }
}

/** Runs a double-ratchet decryption; a failure other than a repeat becomes a DecryptFailure. */
async function ratchet(run: () => Promise<Uint8Array>, failure: [aci: string, device: number, ciphertext: Uint8Array, type: CiphertextMessageType, sentAt: number]): Promise<Uint8Array> {
  try {
    return await run();
  } catch (error) {
    if (libsignalCode(error) === LibErrorCode.DuplicatedMessage) throw error;
    throw new DecryptFailure(...failure, error);
  }
}

export interface DecryptedEnvelope {
  readonly sourceAci: string;
  readonly sourceDevice: number;
  /** The sender's timestamp: what the sender (and edits, reactions, quotes) call this message. */
  readonly sentAt: number;
  readonly sealed: boolean;
  readonly destination: IdentityKind;
  readonly content: Uint8Array;
}

/** The sender as written on an unsealed envelope, if any. */
export function envelopeSource(envelope: WireEnvelope): { aci: string; device: number } | undefined {
  if (envelope.sourceDeviceId === undefined) return undefined;
  try {
    if (envelope.sourceServiceIdBinary) {
      return { aci: serviceIdStringFromBinary(envelope.sourceServiceIdBinary), device: envelope.sourceDeviceId };
    }
    if (envelope.sourceServiceId) return { aci: ServiceId.parseFromServiceIdString(envelope.sourceServiceId).getServiceIdString(), device: envelope.sourceDeviceId };
  } catch {
    return undefined;
  }
  return undefined;
}

/** A PNI's binary form (17 bytes), kept: every envelope's destination is compared with it. */
const pniBinaries = new Map<string, Uint8Array>();

function pniBinary(pni: string): Uint8Array {
  let binary = pniBinaries.get(pni);
  if (!binary) {
    binary = ServiceId.parseFromServiceIdString(pni).getServiceIdBinary();
    pniBinaries.set(pni, binary);
  }
  return binary;
}

function destinationKind(envelope: WireEnvelope, account: LocalAccount): IdentityKind {
  if (!account.pni) return 'aci';
  try {
    const binary = envelope.destinationServiceIdBinary;
    // The binary forms compare byte for byte (an ACI is 16 bytes, a PNI 17), without a parse.
    if (binary) return Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).equals(pniBinary(account.pni)) ? 'pni' : 'aci';
    const id = envelope.destinationServiceId ? ServiceId.parseFromServiceIdString(envelope.destinationServiceId) : undefined;
    return id?.getServiceIdString() === account.pni ? 'pni' : 'aci';
  } catch {
    return 'aci';
  }
}

/**
 * Protocol addresses by name and device, reused: each is a native object (made with a parse,
 * freed by a finalizer), and one message needs two. Immutable, so sharing them is safe.
 */
const addresses = new Map<string, ProtocolAddress>();
const ADDRESSES_KEPT = 256;

function addressOf(serviceId: string, device: number, make: () => ProtocolAddress): ProtocolAddress {
  const key = `${serviceId}.${device}`;
  let address = addresses.get(key);
  if (!address) {
    address = make();
    if (addresses.size >= ADDRESSES_KEPT) addresses.clear();
    addresses.set(key, address);
  }
  return address;
}

/** Removes Signal's message padding (content, then 0x80, then zeros). */
export function unpad(padded: Uint8Array): Uint8Array {
  let end = padded.byteLength;
  while (end > 0 && padded[end - 1] === 0) end--;
  if (end > 0 && padded[end - 1] === 0x80) return padded.subarray(0, end - 1);
  return padded;
}

export async function decryptEnvelope(
  envelope: WireEnvelope,
  state: ProtocolState,
  account: LocalAccount,
  certificates: SenderCertificateCheck,
  now: number,
  /** The sender written on the envelope, when the caller already read it (envelopeSource). */
  unsealedSource: { aci: string; device: number } | undefined = envelopeSource(envelope),
): Promise<DecryptedEnvelope> {
  // Decoded from the socket's bytes (never a SharedArrayBuffer): used in place, not copied.
  const bytes = envelope.content as Uint8Array<ArrayBuffer> | undefined;
  if (!bytes || bytes.byteLength === 0) throw new SignalError('SIGNAL_MALFORMED', 'The envelope has no content.');
  const destination = destinationKind(envelope, account);
  const stores = state.stores(destination);
  const localName = destination === 'pni' && account.pni ? account.pni : account.aci;
  const local = addressOf(localName, account.deviceId, () => ProtocolAddress.new(localName, account.deviceId));
  const sentAt = envelope.clientTimestamp ?? 0;

  if (envelope.type === ENVELOPE_TYPES.UNIDENTIFIED_SENDER) {
    const usmc = await sealedSenderDecryptToUsmc(bytes, stores.identity);
    const certificate = usmc.senderCertificate();
    // Valid when the server accepted the message (as Desktop checks), not now: messages queued
    // while this computer was off longer than a certificate lives must still arrive.
    const acceptedAt = envelope.serverTimestamp ?? now;
    if (!certificates.valid(certificate, acceptedAt)) {
      throw new SignalError('SIGNAL_PROTOCOL', 'A sealed message carries a sender certificate the server did not sign, or one expired when the server took the message.');
    }
    const senderAci = certificate.senderAci();
    if (!senderAci) throw new SignalError('SIGNAL_MALFORMED', 'A sealed message names no account.');
    const sourceAci = senderAci.getServiceIdString();
    const sourceDevice = certificate.senderDeviceId();
    if (sourceAci === account.aci && sourceDevice === account.deviceId) {
      throw new SignalError('SIGNAL_PROTOCOL', 'A sealed message claims to come from this very device.');
    }
    const sender = addressOf(sourceAci, sourceDevice, () => ProtocolAddress.new(senderAci, sourceDevice));
    const inner = usmc.contents();
    let padded: Uint8Array;
    switch (usmc.msgType()) {
      case CiphertextMessageType.PreKey:
        padded = await ratchet(
          () => signalDecryptPreKey(PreKeySignalMessage.deserialize(inner), sender, local, stores.session, stores.identity, stores.preKey, stores.signedPreKey, stores.kyberPreKey),
          [sourceAci, sourceDevice, inner, CiphertextMessageType.PreKey, sentAt],
        );
        break;
      case CiphertextMessageType.Whisper:
        padded = await ratchet(() => signalDecrypt(SignalMessage.deserialize(inner), sender, local, stores.session, stores.identity), [sourceAci, sourceDevice, inner, CiphertextMessageType.Whisper, sentAt]);
        break;
      case CiphertextMessageType.SenderKey:
        padded = await groupDecrypt(sender, stores.senderKey, inner);
        break;
      case CiphertextMessageType.Plaintext:
        padded = PlaintextContent.deserialize(inner).body();
        break;
      default:
        throw new SignalError('SIGNAL_MALFORMED', `A sealed message has an unknown inner type ${usmc.msgType()}.`);
    }
    return { sourceAci, sourceDevice, sentAt, sealed: true, destination, content: unpad(padded) };
  }

  const source = unsealedSource;
  if (!source) throw new SignalError('SIGNAL_MALFORMED', 'The envelope names no sender.');
  const sender = addressOf(source.aci, source.device, () => ProtocolAddress.new(Aci.parseFromServiceIdString(source.aci), source.device));
  let padded: Uint8Array;
  switch (envelope.type) {
    case ENVELOPE_TYPES.DOUBLE_RATCHET:
      padded = await ratchet(() => signalDecrypt(SignalMessage.deserialize(bytes), sender, local, stores.session, stores.identity), [source.aci, source.device, bytes, CiphertextMessageType.Whisper, sentAt]);
      break;
    case ENVELOPE_TYPES.PREKEY_MESSAGE:
      padded = await ratchet(
        () => signalDecryptPreKey(PreKeySignalMessage.deserialize(bytes), sender, local, stores.session, stores.identity, stores.preKey, stores.signedPreKey, stores.kyberPreKey),
        [source.aci, source.device, bytes, CiphertextMessageType.PreKey, sentAt],
      );
      break;
    case ENVELOPE_TYPES.PLAINTEXT_CONTENT:
      padded = PlaintextContent.deserialize(bytes).body();
      break;
    default:
      throw new SignalError('SIGNAL_MALFORMED', `Unknown envelope type ${envelope.type ?? 'none'}.`);
  }
  return { sourceAci: source.aci, sourceDevice: source.device, sentAt, sealed: false, destination, content: unpad(padded) };
}
