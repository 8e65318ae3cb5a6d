// Our own pre-keys, per identity (ACI and PNI): one-time EC pre-keys, signed pre-keys and Kyber
// pre-keys (one-time and last-resort), plus the id counters so an id is never handed out twice.
import type { Store } from './database.js';
import { blob, type IdentityKind } from './signal-account-repo.js';

export interface KeyIds {
  readonly nextPreKeyId: number;
  readonly nextKyberId: number;
  readonly nextSignedId: number;
}

type RecordRow = { record: Uint8Array<ArrayBuffer> };
type KeyIdsRow = { next_prekey_id: number; next_kyber_id: number; next_signed_id: number };

/** Pre-key ids are 24-bit on the wire; wrap before that (ids far behind are long consumed). */
export const MAX_KEY_ID = 0xffffff;

export class SignalPreKeyRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  keyIds(kind: IdentityKind): KeyIds {
    const row = this.store.db.prepare('SELECT next_prekey_id, next_kyber_id, next_signed_id FROM signal_key_ids WHERE kind = ?').get<KeyIdsRow>([kind]);
    return row
      ? { nextPreKeyId: row.next_prekey_id, nextKyberId: row.next_kyber_id, nextSignedId: row.next_signed_id }
      : { nextPreKeyId: 1, nextKyberId: 1, nextSignedId: 1 };
  }

  setKeyIds(kind: IdentityKind, ids: KeyIds): void {
    this.store.db
      .prepare(
        `INSERT INTO signal_key_ids (kind, next_prekey_id, next_kyber_id, next_signed_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind) DO UPDATE SET next_prekey_id = excluded.next_prekey_id, next_kyber_id = excluded.next_kyber_id,
           next_signed_id = excluded.next_signed_id`,
      )
      .run([kind, ids.nextPreKeyId, ids.nextKyberId, ids.nextSignedId]);
  }

  getPreKey(kind: IdentityKind, id: number): Uint8Array | undefined {
    return this.store.db.prepare('SELECT record FROM signal_prekeys WHERE kind = ? AND id = ?').get<RecordRow>([kind, id])?.record;
  }

  putPreKey(kind: IdentityKind, id: number, record: Uint8Array): void {
    this.store.db
      .prepare('INSERT OR REPLACE INTO signal_prekeys (kind, id, record, created_at) VALUES (?, ?, ?, ?)')
      .run([kind, id, blob(record), this.now()]);
  }

  deletePreKey(kind: IdentityKind, id: number): void {
    this.store.db.prepare('DELETE FROM signal_prekeys WHERE kind = ? AND id = ?').run([kind, id]);
  }

  countPreKeys(kind: IdentityKind): number {
    return Number(this.store.db.prepare('SELECT count(*) FROM signal_prekeys WHERE kind = ?', { pluck: true }).get([kind]));
  }

  getSignedPreKey(kind: IdentityKind, id: number): Uint8Array | undefined {
    return this.store.db.prepare('SELECT record FROM signal_signed_prekeys WHERE kind = ? AND id = ?').get<RecordRow>([kind, id])?.record;
  }

  putSignedPreKey(kind: IdentityKind, id: number, record: Uint8Array): void {
    this.store.db
      .prepare('INSERT OR REPLACE INTO signal_signed_prekeys (kind, id, record, created_at) VALUES (?, ?, ?, ?)')
      .run([kind, id, blob(record), this.now()]);
  }

  /** When the newest signed pre-key was made (undefined when there is none). */
  newestSignedPreKeyAt(kind: IdentityKind): number | undefined {
    const value = this.store.db.prepare('SELECT max(created_at) FROM signal_signed_prekeys WHERE kind = ?', { pluck: true }).get([kind]);
    return typeof value === 'number' ? value : undefined;
  }

  getKyberPreKey(kind: IdentityKind, id: number): { record: Uint8Array; lastResort: boolean } | undefined {
    const row = this.store.db
      .prepare('SELECT record, last_resort FROM signal_kyber_prekeys WHERE kind = ? AND id = ?')
      .get<{ record: Uint8Array<ArrayBuffer>; last_resort: number }>([kind, id]);
    return row ? { record: row.record, lastResort: row.last_resort === 1 } : undefined;
  }

  putKyberPreKey(kind: IdentityKind, id: number, record: Uint8Array, lastResort: boolean): void {
    this.store.db
      .prepare('INSERT OR REPLACE INTO signal_kyber_prekeys (kind, id, record, last_resort, created_at) VALUES (?, ?, ?, ?, ?)')
      .run([kind, id, blob(record), lastResort ? 1 : 0, this.now()]);
  }

  /** A one-time Kyber key is deleted once used; a last-resort key stays and is only marked. */
  markKyberUsed(kind: IdentityKind, id: number): void {
    this.store.db.prepare('DELETE FROM signal_kyber_prekeys WHERE kind = ? AND id = ? AND last_resort = 0').run([kind, id]);
    this.store.db.prepare('UPDATE signal_kyber_prekeys SET used_at = ? WHERE kind = ? AND id = ? AND last_resort = 1').run([this.now(), kind, id]);
  }

  /** Whether this last-resort Kyber key already started a session with this signed key and base key. */
  hasKyberBaseKey(kind: IdentityKind, kyberId: number, signedId: number, baseKey: Uint8Array): boolean {
    return (
      this.store.db
        .prepare('SELECT 1 FROM signal_kyber_base_keys WHERE kind = ? AND kyber_id = ? AND signed_id = ? AND base_key = ?', { pluck: true })
        .get([kind, kyberId, signedId, blob(baseKey)]) !== undefined
    );
  }

  addKyberBaseKey(kind: IdentityKind, kyberId: number, signedId: number, baseKey: Uint8Array): void {
    this.store.db
      .prepare('INSERT OR IGNORE INTO signal_kyber_base_keys (kind, kyber_id, signed_id, base_key, used_at) VALUES (?, ?, ?, ?, ?)')
      .run([kind, kyberId, signedId, blob(baseKey), this.now()]);
  }

  /** Signed pre-keys and last-resort Kyber keys held (the current ones and those kept after rotation). */
  countRotatingKeys(kind: IdentityKind): { signed: number; lastResort: number } {
    const count = (sql: string) => Number(this.store.db.prepare(sql, { pluck: true }).get([kind]));
    return {
      signed: count('SELECT count(*) FROM signal_signed_prekeys WHERE kind = ?'),
      lastResort: count('SELECT count(*) FROM signal_kyber_prekeys WHERE kind = ? AND last_resort = 1'),
    };
  }

  /**
   * Deletes replaced signed pre-keys and last-resort Kyber keys created before `olderThan`,
   * except the `keep` newest of each, and the replay records of the Kyber keys deleted. A peer's
   * first message built on a deleted key can no longer be read; Signal-Desktop accepts the same
   * after 30 days, so that old private keys do not outlive their use (forward secrecy).
   */
  pruneReplacedKeys(kind: IdentityKind, options: { keep: number; olderThan: number }): void {
    const { keep, olderThan } = options;
    this.store.transaction(() => {
      const db = this.store.db;
      db.prepare(
        `DELETE FROM signal_signed_prekeys WHERE kind = ? AND created_at < ? AND id NOT IN
           (SELECT id FROM signal_signed_prekeys WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?)`,
      ).run([kind, olderThan, kind, keep]);
      db.prepare(
        `DELETE FROM signal_kyber_prekeys WHERE kind = ? AND last_resort = 1 AND created_at < ? AND id NOT IN
           (SELECT id FROM signal_kyber_prekeys WHERE kind = ? AND last_resort = 1 ORDER BY created_at DESC, id DESC LIMIT ?)`,
      ).run([kind, olderThan, kind, keep]);
      db.prepare(
        `DELETE FROM signal_kyber_base_keys WHERE kind = ? AND kyber_id NOT IN (SELECT id FROM signal_kyber_prekeys WHERE kind = ?)`,
      ).run([kind, kind]);
    });
  }

  countOneTimeKyber(kind: IdentityKind): number {
    return Number(this.store.db.prepare('SELECT count(*) FROM signal_kyber_prekeys WHERE kind = ? AND last_resort = 0', { pluck: true }).get([kind]));
  }
}
