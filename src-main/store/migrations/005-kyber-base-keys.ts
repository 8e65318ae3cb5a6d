// A last-resort Kyber pre-key may start many sessions, but never twice with the same signed
// pre-key and sender base key: that would be a replayed first message. libsignal hands the three
// ids to markKyberPreKeyUsed; this table remembers each combination seen (as Signal Desktop does).
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 5,
  name: 'kyber-base-keys',
  up(db) {
    db.exec(`
      CREATE TABLE signal_kyber_base_keys (
        kind TEXT NOT NULL,
        kyber_id INTEGER NOT NULL,
        signed_id INTEGER NOT NULL,
        base_key BLOB NOT NULL,
        used_at INTEGER NOT NULL,
        PRIMARY KEY (kind, kyber_id, signed_id, base_key)
      ) STRICT;
    `);
  },
};
