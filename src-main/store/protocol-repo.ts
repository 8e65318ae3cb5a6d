// libsignal's per-peer protocol state: sessions (one per peer device and per own identity),
// peers' identity keys, sender keys, and identity-key changes waiting for confirmation.
// Records are opaque libsignal serializations. Writes are plain statements: callers (the
// write-back cache in signal/protocol/protocol-stores.ts) run them inside the transaction that
// also stores the message they belong to. Sessions, identity keys and open identity changes are
// read for every message, so they are cached here; every write goes through this class, and
// there is one instance per store in the app (SignalService hands it to its parts).
import type { Store } from './database.js';
import { blob, type IdentityKind } from './signal-account-repo.js';

export interface SessionKey {
  readonly kind: IdentityKind;
  readonly serviceId: string;
  readonly deviceId: number;
}

export interface IdentityChangeRow {
  readonly id: number;
  readonly serviceId: string;
  readonly oldKey: Uint8Array;
  readonly newKey: Uint8Array;
  readonly detectedAt: number;
  readonly confirmedAt: number | null;
}

type RecordRow = { record: Uint8Array<ArrayBuffer> };
type ChangeRow = {
  id: number;
  service_id: string;
  old_key: Uint8Array<ArrayBuffer>;
  new_key: Uint8Array<ArrayBuffer>;
  detected_at: number;
  confirmed_at: number | null;
};

/** Cached sessions kept at most (a peer has a handful of devices; we talk to a few peers). */
const SESSION_CACHE_SIZE = 500;

export class ProtocolRepo {
  private readonly sessions = new Map<string, Uint8Array>();
  private readonly identities = new Map<string, Uint8Array>();
  private openChanges: Set<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Drops the caches (after tables were changed behind this class's back, e.g. a new link). */
  invalidate(): void {
    this.sessions.clear();
    this.identities.clear();
    this.openChanges = undefined;
  }

  getSession(key: SessionKey): Uint8Array | undefined {
    const cacheKey = sessionCacheKey(key);
    const cached = this.sessions.get(cacheKey);
    if (cached) return cached;
    const record = this.store.db
      .prepare('SELECT record FROM signal_sessions WHERE kind = ? AND service_id = ? AND device_id = ?')
      .get<RecordRow>([key.kind, key.serviceId, key.deviceId])?.record;
    if (record) this.cacheSession(cacheKey, record);
    return record;
  }

  private cacheSession(cacheKey: string, record: Uint8Array): void {
    this.sessions.delete(cacheKey);
    this.sessions.set(cacheKey, record);
    if (this.sessions.size > SESSION_CACHE_SIZE) this.sessions.delete(this.sessions.keys().next().value ?? '');
  }

  putSession(key: SessionKey, record: Uint8Array): void {
    this.cacheSession(sessionCacheKey(key), record);
    this.store.db
      .prepare(
        `INSERT INTO signal_sessions (kind, service_id, device_id, record, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, service_id, device_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
      )
      .run([key.kind, key.serviceId, key.deviceId, blob(record), this.now()]);
  }

  deleteSession(key: SessionKey): void {
    this.sessions.delete(sessionCacheKey(key));
    this.store.db.prepare('DELETE FROM signal_sessions WHERE kind = ? AND service_id = ? AND device_id = ?').run([key.kind, key.serviceId, key.deviceId]);
  }

  /** Device ids we hold a session with for one peer (our ACI side). */
  sessionDevices(serviceId: string, kind: IdentityKind = 'aci'): number[] {
    return this.store.db
      .prepare('SELECT device_id FROM signal_sessions WHERE kind = ? AND service_id = ? ORDER BY device_id', { pluck: true })
      .all([kind, serviceId]) as number[];
  }

  getIdentity(serviceId: string): Uint8Array | undefined {
    const cached = this.identities.get(serviceId);
    if (cached) return cached;
    const key = this.store.db.prepare('SELECT public_key FROM signal_identities WHERE service_id = ?').get<{ public_key: Uint8Array<ArrayBuffer> }>([serviceId])?.public_key;
    if (key) this.identities.set(serviceId, key);
    return key;
  }

  putIdentity(serviceId: string, publicKey: Uint8Array): void {
    this.identities.set(serviceId, publicKey);
    const now = this.now();
    this.store.db
      .prepare(
        `INSERT INTO signal_identities (service_id, public_key, first_seen_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (service_id) DO UPDATE SET public_key = excluded.public_key, updated_at = excluded.updated_at`,
      )
      .run([serviceId, blob(publicKey), now, now]);
  }

  getSenderKey(serviceId: string, deviceId: number, distributionId: string): Uint8Array | undefined {
    return this.store.db
      .prepare('SELECT record FROM signal_sender_keys WHERE service_id = ? AND device_id = ? AND distribution_id = ?')
      .get<RecordRow>([serviceId, deviceId, distributionId])?.record;
  }

  putSenderKey(serviceId: string, deviceId: number, distributionId: string, record: Uint8Array): void {
    this.store.db
      .prepare(
        `INSERT INTO signal_sender_keys (service_id, device_id, distribution_id, record, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (service_id, device_id, distribution_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
      )
      .run([serviceId, deviceId, distributionId, blob(record), this.now()]);
  }

  /** Records a changed identity key; the peer's messages are held until it is confirmed. */
  addIdentityChange(serviceId: string, oldKey: Uint8Array, newKey: Uint8Array): number {
    this.openChanges?.add(serviceId);
    return this.store.db
      .prepare('INSERT INTO signal_identity_changes (service_id, old_key, new_key, detected_at) VALUES (?, ?, ?, ?)')
      .run([serviceId, blob(oldKey), blob(newKey), this.now()]).lastInsertRowid;
  }

  openIdentityChanges(): IdentityChangeRow[] {
    return this.store.db
      .prepare('SELECT * FROM signal_identity_changes WHERE confirmed_at IS NULL ORDER BY id')
      .all<ChangeRow>()
      .map(toChange);
  }

  hasOpenIdentityChange(serviceId: string): boolean {
    this.openChanges ??= new Set(this.store.db.prepare('SELECT DISTINCT service_id FROM signal_identity_changes WHERE confirmed_at IS NULL', { pluck: true }).all() as string[]);
    return this.openChanges.has(serviceId);
  }

  /** Marks every open change of one peer confirmed; returns how many there were. */
  confirmIdentityChanges(serviceId: string): number {
    this.openChanges?.delete(serviceId);
    return this.store.db
      .prepare('UPDATE signal_identity_changes SET confirmed_at = ? WHERE service_id = ? AND confirmed_at IS NULL')
      .run([this.now(), serviceId]).changes;
  }
}

function sessionCacheKey(key: SessionKey): string {
  return `${key.kind}|${key.serviceId}|${key.deviceId}`;
}

function toChange(row: ChangeRow): IdentityChangeRow {
  return {
    id: row.id,
    serviceId: row.service_id,
    oldKey: row.old_key,
    newKey: row.new_key,
    detectedAt: row.detected_at,
    confirmedAt: row.confirmed_at,
  };
}
