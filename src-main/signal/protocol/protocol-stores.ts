// libsignal's store interfaces over the database, with a write-back overlay: libsignal calls the
// stores asynchronously while it decrypts or encrypts, but a SQLite transaction is synchronous.
// Writes therefore go into an in-memory overlay that reads see first; the caller commits the
// overlay inside the same transaction as the message row it belongs to (persist before ack),
// or drops it when the operation failed. One operation at a time: see ProtocolState.run().
// A session libsignal saved stays in the overlay as the record itself, serialized once at the
// commit: a batch of messages from one device loads and saves the same session for each.
import {
  Direction,
  IdentityChange,
  IdentityKeyPair,
  IdentityKeyStore,
  KyberPreKeyRecord,
  KyberPreKeyStore,
  PreKeyRecord,
  PreKeyStore,
  PrivateKey,
  ProtocolAddress,
  PublicKey,
  SenderKeyRecord,
  SenderKeyStore,
  SessionRecord,
  SessionStore,
  SignedPreKeyRecord,
  SignedPreKeyStore,
  type Uuid,
} from '@signalapp/libsignal-client';
import type { ProtocolRepo } from '../../store/protocol-repo.js';
import type { IdentityKind } from '../../store/signal-account-repo.js';
import type { SignalPreKeyRepo } from '../../store/signal-prekey-repo.js';
import { AsyncMutex } from './mutex.js';

export interface LocalIdentity {
  readonly privateKey: PrivateKey;
  readonly registrationId: number;
}

export interface ProtocolStoreSet {
  readonly session: SessionStore;
  readonly identity: IdentityKeyStore;
  readonly preKey: PreKeyStore;
  readonly signedPreKey: SignedPreKeyStore;
  readonly kyberPreKey: KyberPreKeyStore;
  readonly senderKey: SenderKeyStore;
}

type Pending = () => void;

/** The overlay of writes not yet committed, and the stores that read through it. */
export class ProtocolState {
  private readonly overlay = new Map<string, { value: Uint8Array | null; apply: Pending; record?: SessionRecord }>();
  private readonly changedIdentities = new Set<string>();
  /** A database read that failed inside a store call of the current operation (see fromDb). */
  private storageFailure: { error: unknown } | undefined;
  private readonly lock = new AsyncMutex();
  private readonly sets = new Map<IdentityKind, ProtocolStoreSet>();

  constructor(
    readonly repo: ProtocolRepo,
    readonly prekeys: SignalPreKeyRepo,
    private readonly identities: Readonly<Record<IdentityKind, LocalIdentity | undefined>>,
  ) {}

  /**
   * Runs one protocol operation alone. `fn` gets the stores and must call commit() inside the
   * database transaction that stores its result; anything not committed is dropped after it.
   */
  async run<T>(fn: (state: ProtocolState) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      try {
        return await fn(this);
      } catch (error) {
        // A failed commit may have left the repository's caches ahead of the database.
        this.repo.invalidate();
        throw error;
      } finally {
        this.rollback();
      }
    });
  }

  stores(kind: IdentityKind): ProtocolStoreSet {
    let set = this.sets.get(kind);
    if (!set) {
      const local = this.identities[kind];
      if (!local) throw new Error(`no ${kind} identity on this account`);
      set = makeStores(this, kind, local);
      this.sets.set(kind, set);
    }
    return set;
  }

  /** Writes the overlay to the database; call inside the caller's transaction. */
  commit(): void {
    for (const { apply } of this.overlay.values()) apply();
    this.overlay.clear();
    this.changedIdentities.clear();
  }

  rollback(): void {
    this.overlay.clear();
    this.changedIdentities.clear();
    this.storageFailure = undefined;
  }

  /**
   * A read of the database for a store call. libsignal reports whatever a store throws as a
   * failure of its own ("error in method call"), the same as a message that cannot be decrypted,
   * which is dropped; a disk that could not answer must instead leave the message to come again.
   * So the error is remembered here for takeStorageFailure().
   */
  fromDb<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      this.storageFailure ??= { error };
      throw error;
    }
  }

  /** The database error behind the failure of the last libsignal call, if that is what it was; asked once. */
  takeStorageFailure(): { error: unknown } | undefined {
    const failure = this.storageFailure;
    this.storageFailure = undefined;
    return failure;
  }

  /** Peers whose identity key changed during the current operation. */
  identityChangedDuringOperation(serviceId: string): boolean {
    return this.changedIdentities.has(serviceId);
  }

  // Overlay plumbing used by the store classes below.

  read(key: string, fromDb: () => Uint8Array | undefined): Uint8Array | undefined {
    const pending = this.overlay.get(key);
    if (pending) return pending.value ?? undefined;
    return this.fromDb(fromDb);
  }

  write(key: string, value: Uint8Array | null, apply: Pending): void {
    // Later writes to the same key replace earlier ones; other keys keep their order.
    this.overlay.delete(key);
    this.overlay.set(key, { value, apply });
  }

  /** A session saved in this operation, as the record (see writeSession). */
  readSession(key: string, fromDb: () => Uint8Array | undefined): SessionRecord | null {
    const pending = this.overlay.get(key);
    if (pending?.record) return pending.record;
    const bytes = pending ? pending.value : this.fromDb(fromDb);
    return bytes ? SessionRecord.deserialize(bytes as Uint8Array<ArrayBuffer>) : null;
  }

  /**
   * Keeps a saved session as the record: libsignal hands over a record of its own and copies
   * what it loads, and our own callers save a record after changing it, so sharing it is safe.
   */
  writeSession(key: string, record: SessionRecord, put: (bytes: Uint8Array) => void): void {
    this.overlay.delete(key);
    this.overlay.set(key, { value: null, record, apply: () => put(record.serialize()) });
  }

  noteIdentityChange(serviceId: string, oldKey: Uint8Array, newKey: Uint8Array): void {
    this.changedIdentities.add(serviceId);
    this.overlay.set(`change|${serviceId}|${this.overlay.size}`, { value: null, apply: () => this.repo.addIdentityChange(serviceId, oldKey, newKey) });
  }
}

/** Compares two keys without wrapping them in Buffers (saveIdentity runs for every message). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addressParts(address: ProtocolAddress): { serviceId: string; deviceId: number } {
  return { serviceId: address.name(), deviceId: address.deviceId() };
}

function makeStores(state: ProtocolState, kind: IdentityKind, local: LocalIdentity): ProtocolStoreSet {
  const { repo, prekeys } = state;

  class Sessions extends SessionStore {
    async saveSession(address: ProtocolAddress, record: SessionRecord): Promise<void> {
      const key = { kind, serviceId: address.name(), deviceId: address.deviceId() };
      state.writeSession(`session|${kind}|${address.toString()}`, record, (bytes) => repo.putSession(key, bytes));
    }
    async getSession(address: ProtocolAddress): Promise<SessionRecord | null> {
      const key = { kind, serviceId: address.name(), deviceId: address.deviceId() };
      return state.readSession(`session|${kind}|${address.toString()}`, () => repo.getSession(key));
    }
    async getExistingSessions(addresses: ProtocolAddress[]): Promise<SessionRecord[]> {
      const records: SessionRecord[] = [];
      for (const address of addresses) {
        const record = await this.getSession(address);
        if (!record) throw new Error(`no session for ${address.toString()}`);
        records.push(record);
      }
      return records;
    }
  }

  class Identities extends IdentityKeyStore {
    private pair: IdentityKeyPair | undefined;
    async getIdentityKey(): Promise<PrivateKey> {
      return local.privateKey;
    }
    override async getIdentityKeyPair(): Promise<IdentityKeyPair> {
      // libsignal's default derives the public key from the private one at every call (a scalar
      // multiplication), and unsealing asks for the pair at every sealed message: derived once.
      this.pair ??= new IdentityKeyPair(local.privateKey.getPublicKey(), local.privateKey);
      return this.pair;
    }
    async getLocalRegistrationId(): Promise<number> {
      return local.registrationId;
    }
    async saveIdentity(address: ProtocolAddress, key: PublicKey): Promise<IdentityChange> {
      const serviceId = address.name();
      const bytes = key.serialize();
      const existing = state.read(`identity|${serviceId}`, () => repo.getIdentity(serviceId));
      if (existing && equalBytes(existing, bytes)) return IdentityChange.NewOrUnchanged;
      state.write(`identity|${serviceId}`, bytes, () => repo.putIdentity(serviceId, bytes));
      if (!existing) return IdentityChange.NewOrUnchanged;
      state.noteIdentityChange(serviceId, existing, bytes);
      return IdentityChange.ReplacedExisting;
    }
    async isTrustedIdentity(address: ProtocolAddress, key: PublicKey, direction: Direction): Promise<boolean> {
      // Receiving is always accepted: a changed key is recorded by saveIdentity and the
      // messages are held back until the owner confirms. Sending to a changed key waits.
      if (direction === Direction.Receiving) return true;
      const serviceId = address.name();
      const existing = state.read(`identity|${serviceId}`, () => repo.getIdentity(serviceId));
      if (existing && !Buffer.from(existing).equals(Buffer.from(key.serialize()))) return false;
      return !state.fromDb(() => repo.hasOpenIdentityChange(serviceId));
    }
    async getIdentity(address: ProtocolAddress): Promise<PublicKey | null> {
      const serviceId = address.name();
      const bytes = state.read(`identity|${serviceId}`, () => repo.getIdentity(serviceId));
      return bytes ? PublicKey.deserialize(new Uint8Array(bytes)) : null;
    }
  }

  class PreKeys extends PreKeyStore {
    async savePreKey(id: number, record: PreKeyRecord): Promise<void> {
      const bytes = record.serialize();
      state.write(`prekey|${kind}|${id}`, bytes, () => prekeys.putPreKey(kind, id, bytes));
    }
    async getPreKey(id: number): Promise<PreKeyRecord> {
      const bytes = state.read(`prekey|${kind}|${id}`, () => prekeys.getPreKey(kind, id));
      if (!bytes) throw new Error(`no pre-key ${id}`);
      return PreKeyRecord.deserialize(new Uint8Array(bytes));
    }
    async removePreKey(id: number): Promise<void> {
      state.write(`prekey|${kind}|${id}`, null, () => prekeys.deletePreKey(kind, id));
    }
  }

  class SignedPreKeys extends SignedPreKeyStore {
    async saveSignedPreKey(id: number, record: SignedPreKeyRecord): Promise<void> {
      const bytes = record.serialize();
      state.write(`signed|${kind}|${id}`, bytes, () => prekeys.putSignedPreKey(kind, id, bytes));
    }
    async getSignedPreKey(id: number): Promise<SignedPreKeyRecord> {
      const bytes = state.read(`signed|${kind}|${id}`, () => prekeys.getSignedPreKey(kind, id));
      if (!bytes) throw new Error(`no signed pre-key ${id}`);
      return SignedPreKeyRecord.deserialize(new Uint8Array(bytes));
    }
  }

  class KyberPreKeys extends KyberPreKeyStore {
    async saveKyberPreKey(id: number, record: KyberPreKeyRecord): Promise<void> {
      const bytes = record.serialize();
      state.write(`kyber|${kind}|${id}`, bytes, () => prekeys.putKyberPreKey(kind, id, bytes, false));
    }
    async getKyberPreKey(id: number): Promise<KyberPreKeyRecord> {
      const bytes = state.read(`kyber|${kind}|${id}`, () => prekeys.getKyberPreKey(kind, id)?.record);
      if (!bytes) throw new Error(`no Kyber pre-key ${id}`);
      return KyberPreKeyRecord.deserialize(new Uint8Array(bytes));
    }
    async markKyberPreKeyUsed(id: number, signedPreKeyId: number, baseKey: PublicKey): Promise<void> {
      // One-time keys go away; the last-resort key stays (the repo tells them apart).
      const current = state.read(`kyber|${kind}|${id}`, () => prekeys.getKyberPreKey(kind, id)?.record);
      const lastResort = state.fromDb(() => prekeys.getKyberPreKey(kind, id)?.lastResort ?? false);
      if (lastResort) {
        // The last-resort key starts a session at most once per signed key and sender base key:
        // the same three again is a replayed first message, refused (the decryption fails).
        const base = baseKey.serialize();
        const seen = `kyberbase|${kind}|${id}|${signedPreKeyId}|${Buffer.from(base).toString('hex')}`;
        if (state.read(seen, () => (prekeys.hasKyberBaseKey(kind, id, signedPreKeyId, base) ? base : undefined))) {
          throw new Error(`the last-resort Kyber pre-key ${id} was already used with this signed pre-key and base key (a replayed message)`);
        }
        state.write(seen, base, () => prekeys.addKyberBaseKey(kind, id, signedPreKeyId, base));
      }
      state.write(`kyber|${kind}|${id}`, lastResort ? (current ?? null) : null, () => prekeys.markKyberUsed(kind, id));
    }
  }

  class SenderKeys extends SenderKeyStore {
    async saveSenderKey(sender: ProtocolAddress, distributionId: Uuid, record: SenderKeyRecord): Promise<void> {
      const { serviceId, deviceId } = addressParts(sender);
      const bytes = record.serialize();
      state.write(`senderkey|${sender.toString()}|${distributionId}`, bytes, () => repo.putSenderKey(serviceId, deviceId, distributionId, bytes));
    }
    async getSenderKey(sender: ProtocolAddress, distributionId: Uuid): Promise<SenderKeyRecord | null> {
      const { serviceId, deviceId } = addressParts(sender);
      const bytes = state.read(`senderkey|${sender.toString()}|${distributionId}`, () => repo.getSenderKey(serviceId, deviceId, distributionId));
      return bytes ? SenderKeyRecord.deserialize(new Uint8Array(bytes)) : null;
    }
  }

  return {
    session: new Sessions(),
    identity: new Identities(),
    preKey: new PreKeys(),
    signedPreKey: new SignedPreKeys(),
    kyberPreKey: new KyberPreKeys(),
    senderKey: new SenderKeys(),
  };
}
