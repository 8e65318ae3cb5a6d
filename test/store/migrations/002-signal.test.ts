import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseAtVersion, migrateTo, tableNames } from '../../helpers/store.js';
import { schemaVersion } from '../../../src-main/store/migration.js';

const SIGNAL_TABLES = [
  'signal_account', 'signal_attachments', 'signal_identities', 'signal_identity_changes', 'signal_inbox', 'signal_key_ids',
  'signal_kyber_prekeys', 'signal_outbox', 'signal_prekeys', 'signal_sender_keys', 'signal_sessions', 'signal_signed_prekeys',
];

test('002 from an empty database creates the Signal tables next to the core ones', (t) => {
  const db = databaseAtVersion(t, 0);
  migrateTo(db, 2);
  assert.equal(schemaVersion(db), 2);
  assert.deepEqual(tableNames(db).filter((n) => n !== 'sqlite_sequence'), ['secrets', 'settings', ...SIGNAL_TABLES].sort());
});

test('002 from version 1 keeps existing settings and secrets', (t) => {
  const db = databaseAtVersion(t, 1);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(['currentProject', '"p1"', 1]);
  db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)').run(['anthropic-api-key', new Uint8Array([1, 2, 3]), 1]);
  migrateTo(db, 2);
  assert.equal(schemaVersion(db), 2);
  assert.equal(db.prepare('SELECT value FROM settings WHERE key = ?', { pluck: true }).get(['currentProject']), '"p1"');
  assert.equal(db.prepare('SELECT count(*) FROM secrets', { pluck: true }).get(), 1);
});

test('002 keeps one account row and recognises a message delivered twice', (t) => {
  const db = databaseAtVersion(t, 1);
  migrateTo(db, 2);
  const account = `INSERT INTO signal_account (id, aci, device_id, device_name, password, registration_id, pni_registration_id,
    aci_identity_private, state, linked_at, updated_at) VALUES (?, 'a', 2, 'mac', 'pw', 1, 2, x'00', 'linked', 1, 1)`;
  db.prepare(account).run([1]);
  assert.throws(() => db.prepare(account).run([2]), /CHECK constraint failed/);
  const inbox = `INSERT INTO signal_inbox (source_aci, source_device, sent_at, received_at, type, event) VALUES ('a', 1, 100, 1, 'message', '{}')`;
  db.prepare(inbox).run();
  assert.throws(() => db.prepare(inbox).run(), /UNIQUE constraint failed/);
  assert.throws(
    () => db.prepare("INSERT INTO signal_outbox (created_at, sent_timestamp, kind, payload, status, next_attempt_at) VALUES (1, 1, 'm', '{}', 'lost', 1)").run(),
    /CHECK constraint failed/,
  );
});
