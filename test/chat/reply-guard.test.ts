// The loop guard alone, on a fake clock: a person's pace passes, a flood stops answering and the
// owner is told once, answering resumes after the pause, and conversations are weighed apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversationKey, DEFAULT_REPLY_GUARD_LIMITS as L, ReplyGuard } from '../../src-main/chat/reply-guard.js';
import { FakeClock } from '../helpers/fake-clock.js';

const NTS = conversationKey({ kind: 'note-to-self' });
/** The input-flood check, on where a setup wants it (it is off by default). */
const FLOOD = { ...L, maxInputs: 30 };

test('a person writing fast, with several replies each, is always answered', () => {
  const clock = new FakeClock();
  const guard = new ReplyGuard();
  for (let i = 0; i < 200; i++) {
    assert.deepEqual(guard.input(NTS, clock.now()), { answer: true }, `message ${i}`);
    for (let r = 0; r < L.replyRatio; r++) guard.reply(NTS, clock.now());
    clock.advance(3000); // 20 a minute, each with four replies
  }
});

test('by default a burst of the owner\u2019s inputs is never dropped (the phone may deliver a queue at once)', () => {
  const clock = new FakeClock();
  const guard = new ReplyGuard();
  for (let i = 0; i < 600; i++) {
    assert.deepEqual(guard.input(NTS, clock.now()), { answer: true }, `message ${i}`);
    guard.reply(NTS, clock.now());
    clock.advance(10);
  }
});

test('with the flood check on, a flood of inputs stops answering; the owner is told once; answering resumes after the pause', () => {
  const clock = new FakeClock();
  const guard = new ReplyGuard(FLOOD);
  const verdicts = [];
  for (let i = 0; i < 100; i++) {
    verdicts.push(guard.input(NTS, clock.now()));
    guard.reply(NTS, clock.now());
    clock.advance(200);
  }
  assert.equal(verdicts.filter((v) => v.answer).length, FLOOD.maxInputs, 'only a person\u2019s worth was answered');
  const told = verdicts.filter((v) => !v.answer && v.tell);
  assert.equal(told.length, 1, 'told once');
  assert.ok(guard.paused(NTS, clock.now()));
  clock.advance(L.pauseMs);
  assert.deepEqual(guard.input(NTS, clock.now()), { answer: true }, 'answering again after the pause');
  // A second flood soon after: stopped again, but not told again.
  const again = [];
  for (let i = 0; i < 40; i++) again.push(guard.input(NTS, clock.now()));
  assert.ok(again.some((v) => !v.answer));
  assert.equal(again.filter((v) => !v.answer && v.tell).length, 0, 'not told twice within the quiet time');
  clock.advance(L.quietMs + L.pauseMs);
  const later = [];
  for (let i = 0; i < 40; i++) later.push(guard.input(NTS, clock.now()));
  assert.equal(later.filter((v) => !v.answer && v.tell).length, 1, 'told again after a long quiet');
});

test('replies far beyond the inputs stop answering too', () => {
  const clock = new FakeClock();
  const guard = new ReplyGuard();
  assert.deepEqual(guard.input(NTS, clock.now()), { answer: true });
  for (let r = 0; r < L.replyRatio + L.replySlack; r++) guard.reply(NTS, clock.now());
  assert.deepEqual(guard.input(NTS, clock.now()), { answer: true }, 'at the limit: still answered');
  for (let r = 0; r < 2 * L.replyRatio + 1; r++) guard.reply(NTS, clock.now());
  const verdict = guard.input(NTS, clock.now());
  assert.equal(verdict.answer, false);
  assert.ok(!verdict.answer && verdict.tell && verdict.tell.replies > verdict.tell.inputs * L.replyRatio);
  clock.advance(L.windowMs + L.pauseMs);
  assert.deepEqual(guard.input(NTS, clock.now()), { answer: true }, 'old counts leave the window');
});

test('conversations are weighed apart', () => {
  const clock = new FakeClock();
  const guard = new ReplyGuard(FLOOD);
  const bot = conversationKey({ kind: 'direct', aci: 'AAAA' });
  for (let i = 0; i <= FLOOD.maxInputs; i++) guard.input(bot, clock.now());
  assert.ok(guard.paused(bot, clock.now()));
  assert.equal(guard.paused(conversationKey({ kind: 'direct', aci: 'aaaa' }), clock.now()), true, 'the same account in any letter case');
  assert.deepEqual(guard.input(NTS, clock.now()), { answer: true });
});
