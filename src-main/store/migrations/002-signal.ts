// The linked Signal device: the account it is linked as, libsignal's protocol state (sessions,
// identities, pre-keys, sender keys), the inbox of decrypted messages (persist before ack), the
// durable outbox, attachment bytes, and identity-key changes waiting for the owner to confirm.
// The whole file is encrypted by SQLCipher, so private keys are stored as plain BLOBs here.
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 2,
  name: 'signal',
  up(db) {
    db.exec(`
      CREATE TABLE signal_account (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        aci TEXT NOT NULL,
        pni TEXT,
        number TEXT,
        device_id INTEGER NOT NULL,
        device_name TEXT NOT NULL,
        password TEXT NOT NULL,
        registration_id INTEGER NOT NULL,
        pni_registration_id INTEGER NOT NULL,
        aci_identity_private BLOB NOT NULL,
        pni_identity_private BLOB,
        profile_key BLOB,
        master_key BLOB,
        account_entropy_pool TEXT,
        state TEXT NOT NULL CHECK (state IN ('linked', 'unlinked-by-phone')),
        state_reason TEXT,
        linked_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Per identity (aci/pni): the next ids to hand out, so ids are never reused.
      CREATE TABLE signal_key_ids (
        kind TEXT PRIMARY KEY CHECK (kind IN ('aci', 'pni')),
        next_prekey_id INTEGER NOT NULL,
        next_kyber_id INTEGER NOT NULL,
        next_signed_id INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE signal_sessions (
        kind TEXT NOT NULL CHECK (kind IN ('aci', 'pni')),
        service_id TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        record BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, service_id, device_id)
      ) STRICT;

      -- Identity keys of other accounts, as last seen and as trusted.
      CREATE TABLE signal_identities (
        service_id TEXT PRIMARY KEY,
        public_key BLOB NOT NULL,
        first_seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE signal_prekeys (
        kind TEXT NOT NULL CHECK (kind IN ('aci', 'pni')),
        id INTEGER NOT NULL,
        record BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      CREATE TABLE signal_signed_prekeys (
        kind TEXT NOT NULL CHECK (kind IN ('aci', 'pni')),
        id INTEGER NOT NULL,
        record BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      CREATE TABLE signal_kyber_prekeys (
        kind TEXT NOT NULL CHECK (kind IN ('aci', 'pni')),
        id INTEGER NOT NULL,
        record BLOB NOT NULL,
        last_resort INTEGER NOT NULL CHECK (last_resort IN (0, 1)),
        used_at INTEGER,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      CREATE TABLE signal_sender_keys (
        service_id TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        distribution_id TEXT NOT NULL,
        record BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (service_id, device_id, distribution_id)
      ) STRICT;

      -- A changed identity key of another account: messages from it are held until confirmed.
      CREATE TABLE signal_identity_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        service_id TEXT NOT NULL,
        old_key BLOB NOT NULL,
        new_key BLOB NOT NULL,
        detected_at INTEGER NOT NULL,
        confirmed_at INTEGER
      ) STRICT;
      CREATE INDEX signal_identity_changes_open ON signal_identity_changes (service_id) WHERE confirmed_at IS NULL;

      -- Decrypted messages, written in the same transaction as the protocol state they advanced
      -- and before the envelope is acknowledged. (source, device, sent_at) recognises a message
      -- the server delivers again.
      CREATE TABLE signal_inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_aci TEXT NOT NULL,
        source_device INTEGER NOT NULL,
        sent_at INTEGER NOT NULL,
        server_guid TEXT,
        received_at INTEGER NOT NULL,
        type TEXT NOT NULL,
        event TEXT NOT NULL,
        attachments_pending INTEGER NOT NULL DEFAULT 0,
        held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
        handled_at INTEGER,
        UNIQUE (source_aci, source_device, sent_at)
      ) STRICT;
      CREATE UNIQUE INDEX signal_inbox_guid ON signal_inbox (server_guid) WHERE server_guid IS NOT NULL;
      CREATE INDEX signal_inbox_ready ON signal_inbox (id) WHERE handled_at IS NULL;

      -- Everything sent, stored before the first attempt; the sender job retries until accepted.
      CREATE TABLE signal_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at INTEGER NOT NULL,
        sent_timestamp INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'expired')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        expires_at INTEGER,
        last_error TEXT,
        sent_at INTEGER
      ) STRICT;
      CREATE INDEX signal_outbox_due ON signal_outbox (next_attempt_at) WHERE status = 'pending';

      -- Attachment bytes: received ones after download and decryption, outgoing ones before
      -- upload (pointer is filled once uploaded, so a retry does not upload again).
      CREATE TABLE signal_attachments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        owner_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        file_name TEXT,
        size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed')),
        error TEXT,
        pointer BLOB,
        data BLOB,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX signal_attachments_owner ON signal_attachments (direction, owner_id, position);
    `);
  },
};
