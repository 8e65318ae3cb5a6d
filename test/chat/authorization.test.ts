import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize } from '../../src-main/chat/authorization.js';
import type { InboundChatMessage } from '../../src-main/chat/inbound.js';

const OWNER = '11111111-1111-4111-8111-111111111111';
const FRIEND = '22222222-2222-4222-8222-222222222222';

function msg(overrides: Partial<InboundChatMessage>): InboundChatMessage {
  return {
    inboxId: 1, sourceAci: OWNER, sourceE164: undefined, kind: 'sync-sent', destinationAci: OWNER, timestamp: 1, text: 'hi',
    quote: undefined, reaction: undefined, attachments: [], editOf: undefined, ...overrides,
  };
}

test('note to self: only what the owner writes to themself', () => {
  const ctx = { mode: 'note-to-self' as const, ownAci: OWNER, allowlist: [] };
  assert.deepEqual(authorize(msg({}), ctx), { allowed: true });
  assert.deepEqual(authorize(msg({ destinationAci: FRIEND }), ctx), { allowed: false, reason: 'not-note-to-self' }, 'what the owner writes to a friend is not an instruction');
  assert.deepEqual(authorize(msg({ kind: 'direct', sourceAci: FRIEND, destinationAci: undefined }), ctx), { allowed: false, reason: 'not-owner' });
  assert.deepEqual(authorize(msg({ kind: 'direct', destinationAci: undefined }), ctx), { allowed: false, reason: 'own-device-echo' });
  assert.deepEqual(authorize(msg({ sourceAci: OWNER.toUpperCase(), destinationAci: OWNER.toUpperCase() }), ctx), { allowed: true }, 'case does not matter');
});

test('bot mode: only allowlisted accounts writing directly', () => {
  const ctx = { mode: 'bot' as const, ownAci: OWNER, allowlist: [FRIEND, '+14155550123'] };
  assert.deepEqual(authorize(msg({ kind: 'direct', sourceAci: FRIEND, destinationAci: undefined }), ctx), { allowed: true });
  assert.deepEqual(authorize(msg({ kind: 'direct', sourceAci: '33333333-3333-4333-8333-333333333333', sourceE164: '+14155550123' }), ctx), { allowed: true });
  assert.deepEqual(authorize(msg({ kind: 'direct', sourceAci: '33333333-3333-4333-8333-333333333333' }), ctx), { allowed: false, reason: 'not-allowlisted' });
  assert.deepEqual(authorize(msg({}), ctx), { allowed: false, reason: 'not-note-to-self' });
});
