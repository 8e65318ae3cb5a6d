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

test('a stored message comes back exactly as received', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  const id = inbox.insert(message(100, { serverGuid: 'g1', sourceDevice: 3, type: 'reaction', attachmentsPending: 2, held: true }))!;
  assert.deepEqual(inbox.get(id), {
    id, sourceAci: 'aci-owner', sourceDevice: 3, sentAt: 100, serverGuid: 'g1', receivedAt: 105,
    type: 'reaction', eventJson: '{"sentAt":100}', attachmentsPending: 2, held: true, handledAt: null,
  });
  assert.equal(inbox.get(id + 1), undefined);
  assert.equal(inbox.get(inbox.insert(message(200))!)?.held, false);
});

test('a repeat is recognised only for the same sender, device and timestamp', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  inbox.insert(message(100));
  assert.equal(inbox.has('aci-owner', 1, 100), true);
  assert.equal(inbox.has('aci-other', 1, 100), false);
  assert.equal(inbox.has('aci-owner', 2, 100), false);
  assert.equal(inbox.hasGuid('g-unknown'), false);
});

test('messages waiting for their attachments are listed; the count of ready ones is what the chat layer will see', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  const a = inbox.insert(message(1))!;
  const b = inbox.insert(message(2, { attachmentsPending: 2 }))!;
  const c = inbox.insert(message(3, { attachmentsPending: 1 }))!;
  inbox.insert(message(4, { held: true }));
  assert.deepEqual(inbox.awaitingAttachments().map((r) => r.id), [b, c]);
  assert.equal(inbox.countReady(), 1);
  inbox.setEvent(b, '{"attachments":[1,2]}');
  assert.equal(inbox.get(b)?.eventJson, '{"attachments":[1,2]}');
  assert.equal(inbox.get(b)?.attachmentsPending, 2, 'naming the attachment rows does not fetch them');
  inbox.attachmentsDone(c, '{"fetched":true}');
  assert.deepEqual(inbox.awaitingAttachments().map((r) => r.id), [b]);
  assert.equal(inbox.countReady(), 2);
  inbox.markHandled(a);
  assert.equal(inbox.countReady(), 1);
  assert.deepEqual(inbox.ready(0, 1).map((r) => r.id), [c], 'a limited read takes the oldest');
});

test('confirming one sender releases only that sender\u2019s held messages; handled ones no longer count as held', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  const a = inbox.insert(message(1, { sourceAci: 'aci-friend', held: true }))!;
  inbox.insert(message(2, { sourceAci: 'aci-stranger', held: true }));
  assert.equal(inbox.countHeld(), 2);
  assert.equal(inbox.release('aci-friend'), 1);
  assert.equal(inbox.release('aci-friend'), 0, 'nothing left to release');
  assert.equal(inbox.countHeld(), 1);
  assert.deepEqual(inbox.ready().map((r) => r.id), [a]);
  const c = inbox.insert(message(3, { sourceAci: 'aci-stranger', held: true }))!;
  inbox.markHandled(c);
  assert.equal(inbox.countHeld(), 1);
});

test('before decrypting, a delivery is known as a repeat by its server guid or by its sender, device and timestamp', (t) => {
  const inbox = new InboxRepo(openTestStore(t));
  inbox.insert(message(100, { serverGuid: 'g1' }));
  inbox.insert(message(200));
  const owner = (sentAt: number, device = 1) => ({ aci: 'aci-owner', device, sentAt });
  assert.equal(inbox.seen('g1', undefined), true, 'a sealed delivery (sender unknown yet) by its guid');
  assert.equal(inbox.seen('g2', undefined), false);
  assert.equal(inbox.seen(null, undefined), false, 'no guid and no sender: nothing to recognise it by');
  assert.equal(inbox.seen('g1', owner(999)), true, 'the same guid, whatever the sender says');
  assert.equal(inbox.seen('g9', owner(200)), true, 'sent again under a new guid');
  assert.equal(inbox.seen(null, owner(200)), true);
  assert.equal(inbox.seen('g9', owner(200, 2)), false, 'another device of the same sender');
  assert.equal(inbox.seen('g9', { aci: 'aci-friend', device: 1, sentAt: 200 }), false, 'another sender');
  assert.equal(inbox.seen('g9', owner(201)), false);
});
