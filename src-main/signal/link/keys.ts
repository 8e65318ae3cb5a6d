// Our pre-keys: the signed EC pre-key and last-resort Kyber key made at linking time, and the
// one-time EC and Kyber pre-keys a peer consumes to start a session. Private halves are stored
// before the public halves are uploaded, so a key the server hands out is always one we hold.
import { KEMKeyPair, KyberPreKeyRecord, PreKeyRecord, PrivateKey, SignedPreKeyRecord } from '@signalapp/libsignal-client';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { IdentityKind } from '../../store/signal-account-repo.js';
import { MAX_KEY_ID, type SignalPreKeyRepo } from '../../store/signal-prekey-repo.js';
import type { ChatApi } from '../connection/chat-api.js';
import { SignalError } from '../errors.js';
import { parseJsonBody, PreKeyCountSchema } from '../protocol/wire-schemas.js';

export interface SignedKeyJson {
  readonly keyId: number;
  readonly publicKey: string;
  readonly signature: string;
}
export interface PreKeyJson {
  readonly keyId: number;
  readonly publicKey: string;
}

/** Upload this many one-time keys at a time, and again when fewer than the minimum are left. */
export const ONE_TIME_BATCH = 100;
export const REFILL_BELOW = 10;
/** Signed pre-key and last-resort key are replaced after this long (old ones stay for late messages). */
export const ROTATE_SIGNED_AFTER_MS = 7 * 24 * 3600_000;
/**
 * Replaced keys are deleted once older than this, keeping at least the newest few, as Desktop
 * does (MINIMUM_SIGNED_PREKEYS, ARCHIVE_AGE): late first messages still decrypt for a month.
 */
export const KEEP_REPLACED_KEYS = { newest: 5, forMs: 30 * 24 * 3600_000 } as const;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function generateSignedPreKey(identity: PrivateKey, id: number, now: number): SignedPreKeyRecord {
  const key = PrivateKey.generate();
  const signature = identity.sign(key.getPublicKey().serialize());
  return SignedPreKeyRecord.new(id, now, key.getPublicKey(), key, signature);
}

export function generateKyberPreKey(identity: PrivateKey, id: number, now: number): KyberPreKeyRecord {
  const pair = KEMKeyPair.generate();
  return KyberPreKeyRecord.new(id, now, pair, identity.sign(pair.getPublicKey().serialize()));
}

export function signedKeyJson(record: SignedPreKeyRecord | KyberPreKeyRecord): SignedKeyJson {
  return { keyId: record.id(), publicKey: b64(record.publicKey().serialize()), signature: b64(record.signature()) };
}

function nextId(id: number): number {
  return id >= MAX_KEY_ID ? 1 : id + 1;
}

export interface LinkKeys {
  readonly signedPreKey: SignedPreKeyRecord;
  readonly lastResort: KyberPreKeyRecord;
}

/** The signed pre-key and last-resort Kyber key sent with the link request. */
export function generateLinkKeys(identity: PrivateKey, now: number): LinkKeys {
  return { signedPreKey: generateSignedPreKey(identity, 1, now), lastResort: generateKyberPreKey(identity, 1, now) };
}

/** Stores link keys and starts the id counters after them; call inside the linking transaction. */
export function storeLinkKeys(repo: SignalPreKeyRepo, kind: IdentityKind, keys: LinkKeys): void {
  repo.putSignedPreKey(kind, keys.signedPreKey.id(), keys.signedPreKey.serialize());
  repo.putKyberPreKey(kind, keys.lastResort.id(), keys.lastResort.serialize(), true);
  repo.setKeyIds(kind, { nextPreKeyId: 1, nextKyberId: keys.lastResort.id() + 1, nextSignedId: keys.signedPreKey.id() + 1 });
}

export class KeyManager {
  /** A rotated pair generated and stored, whose upload has not succeeded yet. */
  private readonly unpublished = new Map<IdentityKind, { signedPreKey: SignedPreKeyRecord; lastResort: KyberPreKeyRecord }>();

  constructor(
    private readonly store: Store,
    private readonly repo: SignalPreKeyRepo,
    private readonly identities: Readonly<Record<IdentityKind, PrivateKey | undefined>>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Generates and stores a batch of one-time keys; returns their public halves for upload. */
  generateOneTime(kind: IdentityKind, count = ONE_TIME_BATCH): { preKeys: PreKeyJson[]; pqPreKeys: SignedKeyJson[] } {
    const identity = this.identities[kind];
    if (!identity) throw new Error(`no ${kind} identity`);
    const now = this.now();
    return this.store.transaction(() => {
      const ids = this.repo.keyIds(kind);
      let preKeyId = ids.nextPreKeyId;
      let kyberId = ids.nextKyberId;
      const preKeys: PreKeyJson[] = [];
      const pqPreKeys: SignedKeyJson[] = [];
      for (let i = 0; i < count; i++) {
        const key = PrivateKey.generate();
        const record = PreKeyRecord.new(preKeyId, key.getPublicKey(), key);
        this.repo.putPreKey(kind, preKeyId, record.serialize());
        preKeys.push({ keyId: preKeyId, publicKey: b64(key.getPublicKey().serialize()) });
        preKeyId = nextId(preKeyId);

        const kyber = generateKyberPreKey(identity, kyberId, now);
        this.repo.putKyberPreKey(kind, kyberId, kyber.serialize(), false);
        pqPreKeys.push(signedKeyJson(kyber));
        kyberId = nextId(kyberId);
      }
      this.repo.setKeyIds(kind, { ...ids, nextPreKeyId: preKeyId, nextKyberId: kyberId });
      return { preKeys, pqPreKeys };
    });
  }

  /** Uploads a fresh batch of one-time keys for one identity. */
  async upload(api: ChatApi, kind: IdentityKind): Promise<void> {
    const batch = this.generateOneTime(kind);
    const response = await api.request('PUT', `/v2/keys?identity=${kind}`, { json: batch });
    if (response.status === 401 || response.status === 403) {
      throw new SignalError('SIGNAL_UNLINKED', 'The Signal server no longer accepts this device.');
    }
    if (response.status < 200 || response.status >= 300) {
      throw new SignalError('SIGNAL_NETWORK', `The Signal server refused our ${kind} pre-keys (HTTP ${response.status}).`);
    }
    this.logger.info({ mod: 'signal.keys', kind, count: batch.preKeys.length }, 'uploaded one-time pre-keys');
  }

  /**
   * Replaces the signed pre-key and last-resort Kyber key once they are a week old. A new pair
   * whose upload failed (the connection dropped mid-way) is uploaded again next time: it is
   * already the newest locally, so the age check alone would never publish it.
   */
  async rotateIfOld(api: ChatApi, kinds: readonly IdentityKind[]): Promise<void> {
    for (const kind of kinds) {
      const identity = this.identities[kind];
      const newest = this.repo.newestSignedPreKeyAt(kind);
      const unpublished = this.unpublished.get(kind);
      if (!identity || newest === undefined || (!unpublished && this.now() - newest < ROTATE_SIGNED_AFTER_MS)) continue;
      const now = this.now();
      const { signedPreKey, lastResort } = unpublished ?? this.store.transaction(() => {
        const ids = this.repo.keyIds(kind);
        const signed = generateSignedPreKey(identity, ids.nextSignedId, now);
        const kyber = generateKyberPreKey(identity, ids.nextKyberId, now);
        this.repo.putSignedPreKey(kind, signed.id(), signed.serialize());
        this.repo.putKyberPreKey(kind, kyber.id(), kyber.serialize(), true);
        this.repo.setKeyIds(kind, { ...ids, nextSignedId: nextId(ids.nextSignedId), nextKyberId: nextId(ids.nextKyberId) });
        return { signedPreKey: signed, lastResort: kyber };
      });
      this.unpublished.set(kind, { signedPreKey, lastResort });
      const response = await api.request('PUT', `/v2/keys?identity=${kind}`, {
        json: { preKeys: [], signedPreKey: signedKeyJson(signedPreKey), pqLastResortPreKey: signedKeyJson(lastResort) },
      });
      if (response.status < 200 || response.status >= 300) {
        throw new SignalError('SIGNAL_NETWORK', `The Signal server refused our new ${kind} signed pre-key (HTTP ${response.status}).`);
      }
      this.unpublished.delete(kind);
      this.repo.pruneReplacedKeys(kind, { keep: KEEP_REPLACED_KEYS.newest, olderThan: now - KEEP_REPLACED_KEYS.forMs });
      this.logger.info({ mod: 'signal.keys', kind, id: signedPreKey.id() }, 'rotated the signed pre-key');
    }
  }

  /** Asks the server how many one-time keys it still holds and uploads more when few are left. */
  async refillIfLow(api: ChatApi, kinds: readonly IdentityKind[]): Promise<void> {
    for (const kind of kinds) {
      if (!this.identities[kind]) continue;
      const response = await api.request('GET', `/v2/keys?identity=${kind}`);
      const counts = parseJsonBody(PreKeyCountSchema, response.body);
      if (response.status !== 200 || !counts) {
        this.logger.warn({ mod: 'signal.keys', kind, status: response.status }, 'could not read pre-key counts');
        continue;
      }
      if (counts.count < REFILL_BELOW || (counts.pqCount ?? 0) < REFILL_BELOW) await this.upload(api, kind);
    }
  }
}
