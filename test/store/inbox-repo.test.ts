import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InboxRepo, type InboxInsert } from '../../src-main/store/inbox-repo.js';
import { openTestStore } from '../helpers/store.js';

function message(sentAt: number, extra: Partial<InboxInsert> = {}): InboxInsert {
  return {
    sourceAci: 'aci-owner', sourceDevice: 1, sentAt, serverGuid: null, receivedAt: sentAt + 5,
    type: 'message', eventJson: JSON.stringify({ sentAt }), attachmentsPending: 0, held: false, ...extra,
  };
}

test('a message delivered again is recognised by sender, device and timestamp, or by server guid', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  assert.equal(typeof inbox.insert(message(100, { serverGuid: 'g1' })), 'number');
  assert.equal(inbox.insert(message(100)), undefined);
  assert.equal(inbox.insert(message(101, { serverGuid: 'g1' })), undefined);
  assert.equal(typeof inbox.insert(message(100, { sourceDevice: 2 })), 'number');
  assert.ok(inbox.has('aci-owner', 1, 100));
  assert.ok(inbox.hasGuid('g1'));
  assert.equal(inbox.has('aci-owner', 1, 999), false);
});

test('the chat layer sees ready messages in order; held and still-downloading ones wait', (t) => {
  const inbox = new InboxRepo(openTestStore(t), () => 42);
  const a = inbox.insert(message(1))!;
  const b = inbox.insert(message(2, { attachmentsPending: 1 }))!;
  const c = inbox.insert(message(3, { sourceAci: 'aci-friend', held: true }))!;
  const d = inbox.insert(message(4))!;
  assert.deepEqual(inbox.ready().map((r) => r.id), [a, d]);
  assert.equal(inbox.countHeld(), 1);

  inbox.attachmentsDone(b, '{"done":true}');
  assert.equal(inbox.release('aci-friend'), 1);
  assert.deepEqual(inbox.ready().map((r) => r.id), [a, b, c, d]);
  assert.equal(inbox.get(b)?.eventJson, '{"done":true}');

  assert.equal(inbox.markHandled(a), true);
  assert.equal(inbox.markHandled(a), false, 'handling twice is refused');
  assert.equal(inbox.get(a)?.handledAt, 42);
  assert.deepEqual(inbox.ready(b).map((r) => r.id), [c, d]);
});
