// Every Content this app sends carries the instance mark, and an instance reading it knows the
// message was written by another computer on the account, while Signal's own schema (the mock
// server's decoder, like the official clients') reads the same bytes as an ordinary message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Proto } from '@signalapp/mock-server';
import { buildContent, OutboxPayloadSchema } from '../../../src-main/signal/send/outgoing.js';
import { parseContent } from '../../../src-main/signal/receive/content-parser.js';

const owner = randomUUID();
const mark = { computer: 'laptop' };
const payload = (over: Record<string, unknown>) => OutboxPayloadSchema.parse({ to: { kind: 'note-to-self' }, notify: true, bodyRanges: [], attachmentIds: [], ...over });
const read = (bytes: Uint8Array, sourceDevice = 2) => parseContent(bytes, { ownAci: owner, sourceAci: owner, sourceDevice, sentAt: 10, receivedAt: 11, sealed: false });

test('a reply, its sync transcript and an edit carry the mark; the receiving instance sees who wrote it', () => {
  for (const p of [payload({ body: 'hello' }), payload({ body: 'edited', edit: { targetSentAt: 5 } })]) {
    const built = buildContent(p, 10, owner, [], null, mark);
    for (const bytes of [built.content, built.sync!]) {
      const parsed = read(bytes);
      assert.ok(parsed.kind === 'event', 'still an event (stored, so the computer is known)');
      assert.deepEqual(parsed.event.instance, { computer: 'laptop', projects: [] });
    }
  }
  const typing = buildContent(payload({ typing: 'started' }), 10, owner, [], null, mark);
  const decoded = Proto.Content.decode(new Uint8Array(typing.content)) as unknown as Record<string, unknown>;
  assert.ok(decoded.content, 'typing content decodes with Signal\u2019s schema');
});

test('Signal\u2019s own schema skips the mark: the owner\u2019s phone shows the plain message', () => {
  const built = buildContent(payload({ body: 'hello' }), 10, owner, [], null, mark);
  const decoded = Proto.Content.decode(new Uint8Array(built.content)) as unknown as { content?: { dataMessage?: { body?: string } } };
  assert.equal(decoded.content?.dataMessage?.body, 'hello');
  assert.ok(!JSON.stringify(decoded, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('laptop'), 'nothing of the mark is visible');
});

test('the owner\u2019s own message has no mark; an empty mark still means "another instance"', () => {
  const plain = Proto.Content.encode({ content: { dataMessage: { body: 'do it', timestamp: 10n } } } as never);
  const parsed = read(plain, 1);
  assert.ok(parsed.kind === 'event');
  assert.equal(parsed.event.instance, undefined);
  // Content field 7331 (length-delimited), holding an empty InstanceMark, appended by hand.
  const withEmptyMark = new Uint8Array([...plain, 0x9a, 0xca, 0x03, 0x00]);
  const marked = read(withEmptyMark);
  assert.ok(marked.kind === 'event');
  assert.deepEqual(marked.event.instance, { computer: 'another computer', projects: [] });
});
