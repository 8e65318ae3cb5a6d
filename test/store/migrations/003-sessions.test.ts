import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseAtVersion, migrateTo, tableNames } from '../../helpers/store.js';
import { schemaVersion } from '../../../src-main/store/migration.js';

const SESSION_TABLES = ['approvals', 'message_refs', 'projects', 'sessions', 'steps', 'turns'];

test('003 from an empty database creates the session tables next to the earlier ones', (t) => {
  const db = databaseAtVersion(t, 0);
  migrateTo(db, 3);
  assert.equal(schemaVersion(db), 3);
  const names = tableNames(db);
  for (const table of [...SESSION_TABLES, 'settings', 'signal_inbox', 'signal_outbox']) assert.ok(names.includes(table), table);
});

test('003 from version 2 keeps the inbox, outbox and settings', (t) => {
  const db = databaseAtVersion(t, 2);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(['x', '1', 1]);
  const inboxBefore = db.prepare('SELECT count(*) FROM signal_inbox', { pluck: true }).get();
  migrateTo(db, 3);
  assert.equal(schemaVersion(db), 3);
  assert.equal(db.prepare('SELECT value FROM settings WHERE key = ?', { pluck: true }).get(['x']), '1');
  assert.equal(db.prepare('SELECT count(*) FROM signal_inbox', { pluck: true }).get(), inboxBefore);
});

test('003 lets one phone message start at most one turn, and frees a removed project\'s name', (t) => {
  const db = databaseAtVersion(t, 3);
  db.prepare("INSERT INTO projects (id, name, path, created_at) VALUES ('p1', 'Shop', '/code/shop', 1)").run();
  assert.throws(() => db.prepare("INSERT INTO projects (id, name, path, created_at) VALUES ('p2', 'shop', '/code/other', 1)").run(), /UNIQUE/, 'names are unique regardless of case');
  db.prepare("UPDATE projects SET removed_at = 2 WHERE id = 'p1'").run();
  db.prepare("INSERT INTO projects (id, name, path, created_at) VALUES ('p2', 'shop', '/code/shop', 3)").run();

  db.prepare("INSERT INTO sessions (id, project_id, state, state_since, created_at) VALUES ('s1', 'p2', 'idle', 1, 1)").run();
  db.prepare("INSERT INTO turns (id, session_id, inbox_id, status, content, created_at) VALUES ('t1', 's1', 42, 'queued', '[]', 1)").run();
  assert.throws(() => db.prepare("INSERT INTO turns (id, session_id, inbox_id, status, content, created_at) VALUES ('t2', 's1', 42, 'queued', '[]', 1)").run(), /UNIQUE/);
  assert.throws(() => db.prepare("INSERT INTO turns (id, session_id, inbox_id, status, content, created_at) VALUES ('t3', 'nope', 43, 'queued', '[]', 1)").run(), /FOREIGN KEY/);
});
