import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutboxRepo } from '../../src-main/store/outbox-repo.js';
import { openTestStore } from '../helpers/store.js';

test('every queued message gets a later timestamp than the one before, even within one millisecond', (t) => {
  let now = 1000;
  const outbox = new OutboxRepo(openTestStore(t), () => now);
  const stamps = [0, 1, 2].map(() => outbox.enqueue('message', '{}').sentTimestamp);
  assert.deepEqual(stamps, [1000, 1001, 1002]);
  now = 5000;
  assert.equal(outbox.enqueue('message', '{}').sentTimestamp, 5000);
});

test('a retried message waits until it is due; sent and failed ones leave the queue', (t) => {
  let now = 1000;
  const outbox = new OutboxRepo(openTestStore(t), () => now);
  const a = outbox.enqueue('message', '{"n":1}').id;
  const b = outbox.enqueue('message', '{"n":2}').id;
  assert.deepEqual(outbox.due().map((r) => r.id), [a, b]);
  outbox.retryAt(a, 4000, 'network down');
  outbox.markSent(b);
  assert.deepEqual(outbox.due().map((r) => r.id), []);
  assert.equal(outbox.nextDueAt(), 4000);
  now = 4000;
  assert.deepEqual(outbox.due().map((r) => r.id), [a]);
  assert.equal(outbox.get(a)?.attempts, 1);
  assert.equal(outbox.get(a)?.lastError, 'network down');
  outbox.markFailed(a, 'recipient unknown');
  assert.equal(outbox.countPending(), 0);
  assert.equal(outbox.get(b)?.status, 'sent');
});
