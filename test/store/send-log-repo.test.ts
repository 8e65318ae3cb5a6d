import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEND_LOG_MS, SendLogRepo } from '../../src-main/store/send-log-repo.js';
import { openTestStore } from '../helpers/store.js';

test('sent content can be had again by its recipient and timestamp, for a day, then it is gone from the disk', (t) => {
  let now = 1_000_000;
  const log = new SendLogRepo(openTestStore(t), () => now);
  log.record('owner', 500, new Uint8Array([1, 2, 3]), true);
  log.record('friend', 501, new Uint8Array([4]), false);

  assert.deepEqual([...(log.find('owner', 500)?.content ?? [])], [1, 2, 3]);
  assert.equal(log.find('owner', 500)?.urgent, true);
  assert.equal(log.find('friend', 501)?.urgent, false);
  assert.equal(log.find('friend', 500), undefined, 'another recipient never gets what was sent to the owner');
  assert.equal(log.find('owner', 501), undefined);

  now += SEND_LOG_MS - 1;
  assert.ok(log.find('owner', 500), 'still there just under a day later');
  now += 1;
  assert.equal(log.find('owner', 500), undefined, 'a day later it can no longer be asked for');
  log.record('owner', 900, new Uint8Array([9]), true);
  assert.equal(log.size(), 1, 'recording prunes the rows older than a day');
});
