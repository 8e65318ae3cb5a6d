import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Proto } from '@signalapp/mock-server';
import { CiphertextMessageType, DecryptionErrorMessage } from '@signalapp/libsignal-client';
import { parseContent, type ParseContext } from '../../../src-main/signal/receive/content-parser.js';
import { encodeProto } from '../../../src-main/signal/protocol/proto.js';

const owner = randomUUID();
const friend = randomUUID();
const ctx = (over: Partial<ParseContext> = {}): ParseContext => ({ ownAci: owner, sourceAci: owner, sourceDevice: 1, sentAt: 1000, receivedAt: 1005, sealed: false, ...over });
// Content written with the mock server's own protobuf encoder (Signal's schema, not ours).
const encode = (content: Record<string, unknown>) => Proto.Content.encode({ content } as never);

test('body ranges: styles and mentions are kept, ranges past the end are clipped or dropped', () => {
  const parsed = parseContent(
    encode({ dataMessage: { body: 'hello world', timestamp: 1000n, bodyRanges: [
      { start: 0, length: 5, associatedValue: { style: 1 } },
      { start: 6, length: 50, associatedValue: { style: 5 } },
      { start: 99, length: 1, associatedValue: { style: 2 } },
      { start: 0, length: 5, associatedValue: { style: 0 } },
      { start: 6, length: 5, associatedValue: { mentionAci: friend } },
    ] } }),
    ctx({ sourceAci: friend }),
  );
  assert.equal(parsed.kind, 'event');
  if (parsed.kind !== 'event' || parsed.event.type !== 'message') return;
  assert.deepEqual(parsed.event.bodyRanges, [
    { start: 0, length: 5, style: 'bold' },
    { start: 6, length: 5, style: 'monospace' },
    { start: 6, length: 5, mentionAci: friend },
  ]);
  assert.deepEqual(parsed.event.conversation, { kind: 'direct', aci: friend });
  assert.equal(parsed.event.fromOwnAccount, false);
});

test('a Note-to-Self transcript from another of the owner\u2019s devices; a transcript claiming to come from someone else is ignored', () => {
  const sent = { sent: { destinationServiceIdBinary: Buffer.from(owner.replaceAll('-', ''), 'hex'), timestamp: 2000n, message: { body: 'note', timestamp: 2000n } } };
  const parsed = parseContent(encode({ syncMessage: { content: sent } }), ctx({ sourceDevice: 3 }));
  assert.ok(parsed.kind === 'event' && parsed.event.type === 'message');
  assert.deepEqual(parsed.event.conversation, { kind: 'note-to-self' });
  assert.equal(parsed.event.sentAt, 2000);
  assert.equal(parsed.event.source.device, 3);
  assert.deepEqual(parseContent(encode({ syncMessage: { content: sent } }), ctx({ sourceAci: friend })), { kind: 'ignored', reason: 'sync message' });
});

test('what is not a message for the chat layer is ignored with a reason; broken bytes are malformed', () => {
  const reasons = [
    encode({ typingMessage: { timestamp: 1n, action: 0 } }),
    encode({ receiptMessage: { type: 1, timestamp: [1n] } }),
    encode({ dataMessage: { body: 'in a group', groupV2: { masterKey: Buffer.alloc(32), revision: 1 } } }),
    encode({ dataMessage: { flags: 4, timestamp: 1n } }),
    Proto.Content.encode({ content: null, senderKeyDistributionMessage: null, pniSignatureMessage: null }),
  ].map((bytes) => {
    const parsed = parseContent(bytes, ctx());
    return parsed.kind === 'ignored' ? parsed.reason : parsed.kind;
  });
  assert.deepEqual(reasons, ['typing', 'receipt', 'group message', 'control message', 'unknown content']);
  assert.throws(() => parseContent(new Uint8Array([0x0a, 0xff, 0xff]), ctx()), (e: Error & { code?: string }) => e.code === 'SIGNAL_MALFORMED');
  assert.throws(() => parseContent(encode({ dataMessage: { reaction: { emoji: '👍' } } }), ctx()), /reaction without emoji or target/);
  assert.throws(() => parseContent(encode({ editMessage: { dataMessage: { body: 'x' } } }), ctx()), /edit without target/);
});

test('a retry request names the message and the device that sent it; a broken one is malformed', () => {
  const original = DecryptionErrorMessage.forOriginal(new Uint8Array(0), CiphertextMessageType.SenderKey, 1234, 3);
  const parsed = parseContent(encode({ decryptionErrorMessage: original.serialize() }), ctx({ sourceDevice: 1 }));
  assert.ok(parsed.kind === 'retry-request');
  assert.deepEqual(parsed.request, { requesterAci: owner, requesterDevice: 1, sentAt: 1234, senderDevice: 3, ratchetKey: undefined });
  assert.throws(() => parseContent(encode({ decryptionErrorMessage: new Uint8Array([0xff, 0xff]) }), ctx()), (e: Error & { code?: string }) => e.code === 'SIGNAL_MALFORMED');
});

test('a timestamp beyond 2^53 is refused rather than rounded', () => {
  assert.throws(() => parseContent(encode({ dataMessage: { body: 'x', timestamp: 2n ** 60n } }), ctx()), (e: Error & { code?: string }) => e.code === 'SIGNAL_MALFORMED');
});

test('another computer of the account: its marked typing indicator says it is awake; the mark carries when the owner chose its current project', () => {
  const mark = { computer: 'desktop', version: 1, projects: ['api'], current: 'api', currentSince: 1_700_000_000_123 };
  const typing = encodeProto('Content', { typingMessage: { timestamp: 1, action: 0 }, signalClaudeInstance: mark });
  const parsed = parseContent(typing, ctx({ sourceDevice: 3 }));
  assert.ok(parsed.kind === 'event' && parsed.event.type === 'presence', 'a presence event');
  assert.deepEqual(parsed.event.instance, { computer: 'desktop', projects: ['api'], current: 'api', currentSince: 1_700_000_000_123 });
  // The same from a stranger is just a stranger's typing indicator.
  assert.deepEqual(parseContent(typing, ctx({ sourceAci: friend })), { kind: 'ignored', reason: 'typing' });
});
