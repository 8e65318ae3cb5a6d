// The send log: the exact Content of each message this device sent, by recipient and timestamp,
// kept for a day. A recipient device that could not decrypt one asks for it again (a retry
// request naming the timestamp); the log lets us send the very same content again.
// Disappearing messages: when the stored body of an inbox or outbox row must be deleted
// (the conversation's timer after it arrived or went out); null for a chat without a timer.
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 4,
  name: 'send-log-and-expiry',
  up(db) {
    db.exec(`
      CREATE TABLE signal_send_log (
        recipient TEXT NOT NULL,
        sent_timestamp INTEGER NOT NULL,
        content BLOB NOT NULL,
        urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (recipient, sent_timestamp)
      ) STRICT;
      CREATE INDEX signal_send_log_age ON signal_send_log(created_at);

      ALTER TABLE signal_inbox ADD COLUMN body_expires_at INTEGER;
      ALTER TABLE signal_outbox ADD COLUMN body_expires_at INTEGER;
      CREATE INDEX signal_inbox_body_expiry ON signal_inbox(body_expires_at) WHERE body_expires_at IS NOT NULL;
      CREATE INDEX signal_outbox_body_expiry ON signal_outbox(body_expires_at) WHERE body_expires_at IS NOT NULL;
    `);
  },
};
