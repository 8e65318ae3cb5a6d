// The owner changed their phone number: the phone sends its linked devices a sync message with
// the account's new PNI identity key pair, registration id, signed pre-key and last-resort Kyber
// key (the envelope names the new PNI). Stored with the message's own commit; the session then
// starts again on them, so messages to the new PNI decrypt and refills sign with the new key.
import { IdentityKeyPair, KyberPreKeyRecord, SignedPreKeyRecord } from '@signalapp/libsignal-client';
import type { Logger } from '../../shared/logger.js';
import type { SignalAccountRepo } from '../../store/signal-account-repo.js';
import type { SignalPreKeyRepo } from '../../store/signal-prekey-repo.js';
import type { PniChangeWire } from '../receive/content-parser.js';

/** Stores the change; a message whose keys do not parse is logged and left alone (never retried). */
export function storePniChange(repos: { accounts: SignalAccountRepo; prekeys: SignalPreKeyRepo }, logger: Logger, pni: string, change: PniChangeWire): boolean {
  let identity: IdentityKeyPair;
  let signed: SignedPreKeyRecord;
  let kyber: KyberPreKeyRecord;
  try {
    identity = IdentityKeyPair.deserialize(new Uint8Array(change.identityKeyPair));
    signed = SignedPreKeyRecord.deserialize(new Uint8Array(change.signedPreKey));
    kyber = KyberPreKeyRecord.deserialize(new Uint8Array(change.lastResortKyberPreKey));
  } catch (error) {
    logger.warn({ mod: 'signal.pni', err: error }, 'a change of number with unusable keys; ignored');
    return false;
  }
  const { accounts, prekeys } = repos;
  accounts.changePni({ pni, number: change.newE164 ?? null, pniRegistrationId: change.registrationId, pniIdentityPrivate: identity.privateKey.serialize() });
  prekeys.putSignedPreKey('pni', signed.id(), signed.serialize());
  prekeys.putKyberPreKey('pni', kyber.id(), kyber.serialize(), true);
  const ids = prekeys.keyIds('pni');
  prekeys.setKeyIds('pni', { ...ids, nextSignedId: Math.max(ids.nextSignedId, signed.id() + 1), nextKyberId: Math.max(ids.nextKyberId, kyber.id() + 1) });
  logger.info({ mod: 'signal.pni' }, 'the account changed its number; new PNI keys stored');
  return true;
}
