import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize } from '../../src-main/chat/authorization.js';
import type { StoredEvent } from '../../src-main/signal/receive/inbound-events.js';

const OWNER = '11111111-1111-4111-8111-111111111111';
const FRIEND = '22222222-2222-4222-8222-222222222222';
const STRANGER = '33333333-3333-4333-8333-333333333333';

type Env = Pick<StoredEvent, 'source' | 'fromOwnAccount' | 'conversation'>;
const noteToSelf: Env = { source: { aci: OWNER, device: 1 }, fromOwnAccount: true, conversation: { kind: 'note-to-self' } };
const ownToFriend: Env = { source: { aci: OWNER, device: 1 }, fromOwnAccount: true, conversation: { kind: 'direct', aci: FRIEND } };
const fromFriend: Env = { source: { aci: FRIEND, device: 1 }, fromOwnAccount: false, conversation: { kind: 'direct', aci: FRIEND } };
const fromStranger: Env = { source: { aci: STRANGER, device: 2 }, fromOwnAccount: false, conversation: { kind: 'direct', aci: STRANGER } };

test('note to self: only what the owner writes to themself', () => {
  const ctx = { mode: 'note-to-self' as const, ownAci: OWNER, allowlist: [] };
  assert.deepEqual(authorize(noteToSelf, ctx), { allowed: true });
  assert.deepEqual(authorize(ownToFriend, ctx), { allowed: false, reason: 'not-note-to-self' }, 'what the owner writes to a friend is not an instruction');
  assert.deepEqual(authorize(fromFriend, ctx), { allowed: false, reason: 'not-owner' });
  assert.deepEqual(authorize({ ...fromStranger, conversation: { kind: 'note-to-self' } }, ctx), { allowed: false, reason: 'not-owner' }, 'a stranger cannot claim Note to Self');
  assert.deepEqual(authorize({ ...noteToSelf, source: { aci: OWNER.toUpperCase(), device: 3 } }, { ...ctx, ownAci: OWNER }), { allowed: true }, 'case does not matter');
});

test('bot mode: only allowlisted accounts writing to the bot', () => {
  const ctx = { mode: 'bot' as const, ownAci: OWNER, allowlist: [FRIEND, '+14155550123'], numberOf: (aci: string) => (aci === STRANGER ? '+14155550123' : undefined) };
  assert.deepEqual(authorize(fromFriend, ctx), { allowed: true });
  assert.deepEqual(authorize(fromStranger, ctx), { allowed: true }, 'allowlisted by number');
  assert.deepEqual(authorize(fromStranger, { ...ctx, numberOf: () => undefined }), { allowed: false, reason: 'not-allowlisted' });
  assert.deepEqual(authorize(noteToSelf, ctx), { allowed: false, reason: 'own-account' }, "the bot account's own phone is not the owner");
});

test('what another instance of this app wrote is never input, in either mode', () => {
  const fromLaptop = { ...noteToSelf, source: { aci: OWNER, device: 3 }, instance: { computer: 'laptop', projects: [] } };
  assert.deepEqual(authorize(fromLaptop, { mode: 'note-to-self', ownAci: OWNER, allowlist: [] }), { allowed: false, reason: 'another-instance' });
  const botPeer = { ...fromFriend, instance: { computer: 'laptop', projects: [] } };
  assert.deepEqual(authorize(botPeer, { mode: 'bot', ownAci: OWNER, allowlist: [FRIEND] }), { allowed: false, reason: 'another-instance' });
});

/** ACIs with letters, for letter case (the ones above are all digits). */
const LETTERED = 'abcdef12-3456-4789-8abc-def012345678';
const LETTERED_FRIEND = 'fedcba98-7654-4321-8fed-cba987654321';

test('note to self: a message in the owner’s name that is not the owner’s own sync transcript is not an instruction', () => {
  const ctx = { mode: 'note-to-self' as const, ownAci: OWNER, allowlist: [] };
  const lettered = { ...noteToSelf, source: { aci: LETTERED, device: 1 } };
  assert.deepEqual(authorize(lettered, { ...ctx, ownAci: LETTERED.toUpperCase() }), { allowed: true }, 'the owner’s ACI in any letter case');
  assert.deepEqual(authorize({ ...lettered, source: { aci: LETTERED.toUpperCase(), device: 1 } }, { ...ctx, ownAci: LETTERED }), { allowed: true });
  assert.deepEqual(authorize({ ...noteToSelf, fromOwnAccount: false }, ctx), { allowed: false, reason: 'not-owner' });
  assert.deepEqual(authorize({ ...fromStranger, fromOwnAccount: true, conversation: { kind: 'note-to-self' } }, ctx), { allowed: false, reason: 'not-owner' });
});

test('bot mode: allowlist entries match in any letter case and with stray spaces; a stranger is never let in', () => {
  const ctx = { mode: 'bot' as const, ownAci: OWNER, allowlist: [` ${LETTERED_FRIEND.toUpperCase()} `, ' +14155550123 '] };
  const fromLetteredFriend = { ...fromFriend, source: { aci: LETTERED_FRIEND, device: 1 } };
  assert.deepEqual(authorize(fromLetteredFriend, ctx), { allowed: true }, 'no number lookup needed for an ACI entry');
  assert.deepEqual(authorize({ ...fromFriend, source: { aci: LETTERED_FRIEND.toUpperCase(), device: 1 } }, ctx), { allowed: true });
  assert.deepEqual(authorize(fromStranger, { ...ctx, numberOf: () => '+14155550123' }), { allowed: true });
  assert.deepEqual(authorize(fromStranger, ctx), { allowed: false, reason: 'not-allowlisted' });
  assert.deepEqual(authorize(fromStranger, { ...ctx, numberOf: () => '+14155550999' }), { allowed: false, reason: 'not-allowlisted' });
  assert.deepEqual(authorize(fromStranger, { ...ctx, allowlist: [] }), { allowed: false, reason: 'not-allowlisted' });
});

test('bot mode: nothing written from the bot’s own account is an instruction', () => {
  const ctx = { mode: 'bot' as const, ownAci: LETTERED, allowlist: [LETTERED, FRIEND] };
  assert.deepEqual(authorize({ ...fromFriend, source: { aci: LETTERED.toUpperCase(), device: 2 } }, ctx), { allowed: false, reason: 'own-account' });
  assert.deepEqual(authorize({ ...fromFriend, fromOwnAccount: true }, ctx), { allowed: false, reason: 'own-account' }, 'a sync transcript of the bot writing to a friend');
});
