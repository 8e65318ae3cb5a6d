// Core tables every part of the app uses: small typed settings (app state such as the current
// project) and secrets set from the UI (the Anthropic key). Both live in the encrypted database;
// secrets are kept apart so no listing of settings can ever include them.
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
