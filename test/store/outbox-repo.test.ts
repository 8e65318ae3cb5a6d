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

test('a message comes back as it was queued: kind, payload, timestamp, when it was written', (t) => {
  const outbox = new OutboxRepo(openTestStore(t), () => 7000);
  const { id, sentTimestamp } = outbox.enqueue('reaction', '{"emoji":"👍"}');
  assert.deepEqual(outbox.get(id), {
    id, createdAt: 7000, sentTimestamp, kind: 'reaction', payloadJson: '{"emoji":"👍"}', status: 'pending',
    attempts: 0, nextAttemptAt: 7000, expiresAt: null, lastError: null, sentAt: null,
  });
  assert.equal(outbox.get(id + 1), undefined);
});

test('a sent message records when, counts the attempt and forgets the earlier error', (t) => {
  let now = 1000;
  const outbox = new OutboxRepo(openTestStore(t), () => now);
  const { id } = outbox.enqueue('message', '{}');
  outbox.retryAt(id, 2000, 'network down');
  now = 2500;
  outbox.markSent(id);
  const row = outbox.get(id);
  assert.deepEqual({ status: row?.status, sentAt: row?.sentAt, attempts: row?.attempts, lastError: row?.lastError }, { status: 'sent', sentAt: 2500, attempts: 2, lastError: null });
  assert.equal(outbox.nextDueAt(), undefined, 'nothing left to wait for');
  assert.equal(outbox.oldestPendingAt(), undefined);
});

test('a typing indicator that is late is expired, never sent; its time to live is kept with it', (t) => {
  let now = 1000;
  const outbox = new OutboxRepo(openTestStore(t), () => now);
  const typing = outbox.enqueue('typing', '{}', { ttlMs: 15_000 }).id;
  const text = outbox.enqueue('message', '{}').id;
  assert.equal(outbox.get(typing)?.expiresAt, 16_000);
  outbox.markExpired(typing);
  assert.equal(outbox.get(typing)?.status, 'expired');
  assert.equal(outbox.get(typing)?.attempts, 0, 'expiring is not a send attempt');
  assert.deepEqual(outbox.due().map((r) => r.id), [text]);
  assert.equal(outbox.countPending(), 1);
  outbox.markFailed(text, 'recipient unknown');
  const failed = outbox.get(text);
  assert.deepEqual({ status: failed?.status, attempts: failed?.attempts, lastError: failed?.lastError }, { status: 'failed', attempts: 1, lastError: 'recipient unknown' });
  now = 99_000;
  assert.deepEqual(outbox.due(), [], 'failed and expired messages are never tried again');
});

test('once a safety number is confirmed, every waiting message is due at once; the oldest waiting one is known', (t) => {
  let now = 1000;
  const outbox = new OutboxRepo(openTestStore(t), () => now);
  const a = outbox.enqueue('message', '{"n":1}').id;
  now = 1500;
  const b = outbox.enqueue('message', '{"n":2}').id;
  const c = outbox.enqueue('message', '{"n":3}').id;
  outbox.retryAt(a, 61_000, 'untrusted identity');
  outbox.retryAt(b, 61_500, 'untrusted identity');
  now = 2000;
  assert.deepEqual(outbox.due().map((r) => r.id), [c]);
  assert.equal(outbox.oldestPendingAt(), 1000);
  assert.equal(outbox.retryAllNow(), 2, 'only the two waiting ones changed');
  assert.deepEqual(outbox.due().map((r) => r.id), [a, b, c]);
  assert.equal(outbox.get(a)?.nextAttemptAt, 2000);
  assert.deepEqual(outbox.due(2).map((r) => r.id), [a, b], 'a limited batch takes the oldest');
  outbox.updatePayload(a, '{"n":1,"recipientDone":true}');
  assert.equal(outbox.get(a)?.payloadJson, '{"n":1,"recipientDone":true}');
  assert.equal(outbox.get(b)?.payloadJson, '{"n":2}');
});

test('messages the owner would have read that ended undelivered are listed newest first; typing, reactions and sent ones are not', (t) => {
  const outbox = new OutboxRepo(openTestStore(t), () => 1000);
  const failed = outbox.enqueue('message', '{"n":1}').id;
  const edit = outbox.enqueue('edit', '{"n":2}').id;
  const expired = outbox.enqueue('message', '{"n":3}', { ttlMs: 10 }).id;
  const typing = outbox.enqueue('typing', '{}').id;
  const reaction = outbox.enqueue('reaction', '{}').id;
  const sent = outbox.enqueue('message', '{"n":4}').id;
  outbox.enqueue('message', '{"n":5}'); // still pending
  outbox.markFailed(failed, 'recipient unknown');
  outbox.markFailed(edit, 'too large');
  outbox.markExpired(expired);
  outbox.markFailed(typing, 'x');
  outbox.markExpired(reaction);
  outbox.markSent(sent);
  assert.deepEqual(outbox.undelivered().map((r) => r.id), [expired, edit, failed]);
  assert.deepEqual(outbox.undelivered(0, 2).map((r) => r.id), [expired, edit], 'at most `limit`');
  assert.deepEqual(outbox.undelivered(failed).map((r) => r.id), [expired, edit], 'only after the given id');
  assert.equal(outbox.countUndelivered(), 3);
  assert.equal(outbox.countUndelivered(edit), 1);
  assert.equal(outbox.undelivered()[0]?.payloadJson, '{"n":3}');
});
