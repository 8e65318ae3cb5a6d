// The send log: the exact Content of each message this device sent, by recipient and timestamp,
// kept for a day. A recipient device that could not decrypt one asks for it again (a retry
// request naming the timestamp); the log lets us send the very same content again.
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 4,
  name: 'send-log',
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
    `);
  },
};
