import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseAtVersion, migrateTo, tableNames } from '../../helpers/store.js';
import { schemaVersion } from '../../../src-main/store/migration.js';

test('005 from version 4 adds the table of last-resort Kyber uses and keeps the Kyber keys', (t) => {
  const db = databaseAtVersion(t, 4);
  db.prepare("INSERT INTO signal_kyber_prekeys (kind, id, record, last_resort, created_at) VALUES ('aci', 1, x'01', 1, 5)").run();
  migrateTo(db, 5);
  assert.equal(schemaVersion(db), 5);
  assert.ok(tableNames(db).includes('signal_kyber_base_keys'));
  assert.deepEqual(db.prepare('SELECT kind, id, last_resort AS lastResort FROM signal_kyber_prekeys').all(), [{ kind: 'aci', id: 1, lastResort: 1 }]);
  db.prepare("INSERT INTO signal_kyber_base_keys (kind, kyber_id, signed_id, base_key, used_at) VALUES ('aci', 1, 1, x'05', 6)").run();
  assert.throws(() => db.prepare("INSERT INTO signal_kyber_base_keys (kind, kyber_id, signed_id, base_key, used_at) VALUES ('aci', 1, 1, x'05', 7)").run(), 'one row per key, signed key and base key');
});
