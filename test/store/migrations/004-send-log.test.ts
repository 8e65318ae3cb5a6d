import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseAtVersion, migrateTo, tableNames } from '../../helpers/store.js';
import { schemaVersion } from '../../../src-main/store/migration.js';

test('004 from version 3 adds the send log and keeps inbox and outbox rows, with no body due to expire', (t) => {
  const db = databaseAtVersion(t, 3);
  db.prepare("INSERT INTO signal_inbox (source_aci, source_device, sent_at, received_at, type, event) VALUES ('a', 1, 10, 11, 'message', '{\"body\":\"hi\"}')").run();
  db.prepare("INSERT INTO signal_outbox (created_at, sent_timestamp, kind, payload, status, next_attempt_at) VALUES (1, 2, 'message', '{\"body\":\"yo\"}', 'sent', 1)").run();
  migrateTo(db, 4);
  assert.equal(schemaVersion(db), 4);
  assert.ok(tableNames(db).includes('signal_send_log'));
  assert.deepEqual(db.prepare('SELECT event, body_expires_at AS expires FROM signal_inbox').all(), [{ event: '{"body":"hi"}', expires: null }]);
  assert.deepEqual(db.prepare('SELECT payload, body_expires_at AS expires FROM signal_outbox').all(), [{ payload: '{"body":"yo"}', expires: null }]);
});
