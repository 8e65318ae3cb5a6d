import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseAtVersion, migrateTo, tableNames } from '../../helpers/store.js';
import { schemaVersion } from '../../../src-main/store/migration.js';

test('001 from an empty database creates settings and secrets', (t) => {
  const db = databaseAtVersion(t, 0);
  assert.deepEqual(tableNames(db), []);
  migrateTo(db, 1);
  assert.equal(schemaVersion(db), 1);
  assert.deepEqual(tableNames(db), ['secrets', 'settings']);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(['k', '"v"', 1]);
  assert.throws(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(['k2', '"v"', 'not a number']), /cannot store TEXT value in INTEGER/);
});
