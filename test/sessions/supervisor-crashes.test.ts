// Crash recovery with real agent workers and a fake clock: a crash mid-turn continues the turn
// without re-running finished tools, a second crash within 60 s stays crashed until /restart, a
// given-up turn is not given again, and a crash loop backs off and ends. (The quiet lifecycle —
// suspend, resume, terminate, /stop, restore — is in supervisor.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startSessions } from '../helpers/sessions-harness.js';

// The durations the owner is promised (README, DESIGN.md), written out so a changed constant shows.
const MINUTE = 60 * 1000;

test('a worker crash mid-turn recovers and continues: the finished tool is not run again, the answer comes once', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop', 'bypassPermissions');
  const dir = join(h.root, 'shop');
  let crashed = false;
  h.claude.enqueue(
    reply([toolUse('Bash', { command: 'echo ran >> count.txt' })]),
    // While Claude "thinks" about the result, the worker dies.
    () => {
      if (!crashed) {
        crashed = true;
        writeFileSync(join(dir, '.crash-now'), '');
        return { kind: 'hang' };
      }
      return reply([text('should not be used')]);
    },
    reply([text('Counted once.')]),
  );
  const runtime = h.instruct(shop, 'count');
  const notice = await h.replies.waitFor((r) => r.kind === 'notice', 'a recovery notice');
  assert.equal(notice.kind === 'notice' && notice.notify, false, 'a first crash recovers quietly');
  await h.replies.waitFor((r) => r.kind === 'final', 'the final answer');
  assert.equal(readFileSync(join(dir, 'count.txt'), 'utf8'), 'ran\n', 'the finished Bash call was not run again');
  assert.deepEqual(h.replies.finals().map((f) => f.markdown), ['Counted once.']);
  await h.until(() => runtime.state === 'idle', 'idle after the turn');
  const record = runtime.currentRecord();
  assert.equal(record.crashCount, 1);
});

test('a second crash within 60 s stays crashed and notifies; /restart revives the session', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop');
  const runtime = h.instruct(shop, 'please CRASH_NOW');
  const notice = await h.replies.waitFor((r) => r.kind === 'notice' && r.notify, 'a notifying crash notice');
  assert.match(notice.kind === 'notice' ? notice.text : '', /crashed twice within a minute .*\/restart/);
  assert.equal(runtime.state, 'crashed');
  assert.match(h.replies.finals()[0]?.markdown ?? '', /crashed twice while working on this/, 'the poisonous instruction is ended, not retried forever');

  h.claude.enqueue(reply([text('Back and well.')]));
  assert.equal(runtime.restart(), true);
  h.instruct(shop, 'are you ok?');
  await h.replies.waitFor((r) => r.kind === 'final' && r.answer.markdown === 'Back and well.', 'an answer after /restart');
  await h.until(() => runtime.state === 'idle', 'idle after the turn');
});

test('after two crashes mid-turn, /restart closes the given-up turn and runs the next instruction once', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop', 'bypassPermissions');
  const dir = join(h.root, 'shop');
  // Both times Claude "thinks" about the instruction, the worker dies: the turn is stored
  // (its user step) but never finished, and is given up on at the second crash.
  const dies = () => {
    writeFileSync(join(dir, '.throw-now'), '');
    return { kind: 'hang' } as const;
  };
  h.claude.enqueue(dies, dies, reply([toolUse('Bash', { command: 'echo ran >> count.txt' })]), reply([text('Counted.')]));
  const runtime = h.instruct(shop, 'first');
  await h.replies.waitFor((r) => r.kind === 'notice' && r.notify, 'the crash alarm');
  assert.equal(runtime.state, 'crashed');

  assert.equal(runtime.restart(), true);
  h.instruct(shop, 'count');
  await h.replies.waitFor((r) => r.kind === 'final' && r.answer.markdown === 'Counted.', 'the answer after /restart');
  await h.until(() => runtime.state === 'idle', 'idle after the turn');
  await new Promise((r) => setTimeout(r, 300)); // a second run would have started by now
  assert.equal(readFileSync(join(dir, 'count.txt'), 'utf8'), 'ran\n', 'the instruction after /restart ran once');
  assert.equal(h.claude.messageRequests.length, 4, 'no request beyond the two that answer it');
  assert.deepEqual(h.replies.finals().map((f) => f.markdown.split('\n')[0]!.slice(0, 40)), ['❌ The worker crashed twice while working', 'Counted.']);
});

test('a crash loop waits longer before each attempt (1 min, 2 min), tells the phone once, and ends after 30 quiet minutes', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop');
  const dir = join(h.root, 'shop');
  h.claude.enqueue(reply([text('one')]), reply([text('two')]));
  const runtime = h.instruct(shop, 'first');
  await h.replies.waitFor((r) => r.kind === 'final', 'the first answer');
  const crash = async (count: number, what: string) => {
    writeFileSync(join(dir, '.crash-now'), '');
    await h.until(() => runtime.currentRecord().crashCount === count, what);
  };
  const told = () => h.replies.said.filter((r) => r.kind === 'notice' && r.notify);

  await crash(1, 'the first crash');
  await h.until(() => runtime.state === 'idle', 'the first crash recovers at once');
  h.clock.advance(MINUTE + 1);
  await crash(2, 'the second crash');
  assert.equal(runtime.state, 'crashed', 'the second crash of a streak waits');
  assert.equal(runtime.crash?.retryAt, h.clock.now() + 60_000);
  assert.equal(runtime.hasWorker, false, 'no worker while waiting');
  assert.equal(told().length, 1);
  const first = told()[0];
  assert.match(first?.kind === 'notice' ? first.text : '', /shop keeps crashing \(.+\)\. Next attempt in 1 min, then after longer waits; \/status shows when, \/restart tries now\./);
  h.clock.advance(60_000 - 1);
  assert.equal(runtime.state, 'crashed', 'not before the minute is over');
  h.clock.advance(1);
  await h.until(() => runtime.state === 'idle', 'the attempt after 1 min');

  h.clock.advance(MINUTE + 1);
  await crash(3, 'the third crash');
  assert.equal(runtime.state, 'crashed');
  assert.equal(runtime.crash?.retryAt, h.clock.now() + 120_000, 'the wait doubles');
  h.clock.advance(120_000);
  await h.until(() => runtime.state === 'idle', 'the attempt after 2 min');
  assert.equal(told().length, 1, 'the phone was told once for the whole streak');

  // 30 minutes without a crash (the idle session is suspended meanwhile): the next crash is a
  // first one again and recovers at once.
  h.clock.advance(30 * MINUTE);
  h.instruct(shop, 'second');
  await h.replies.waitFor((r) => r.kind === 'final' && r.answer.markdown === 'two', 'the session still works');
  await h.until(() => runtime.state === 'idle', 'idle after the answer');
  await crash(4, 'a crash after a quiet half hour');
  await h.until(() => runtime.state === 'idle', 'recovered at once');
  assert.equal(told().length, 1);
});
