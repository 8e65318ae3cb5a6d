import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressCoalescer, type ProgressUpdate } from '../../src-main/sessions/progress.js';
import { FakeClock } from '../helpers/fake-clock.js';

function setup(options: Partial<ConstructorParameters<typeof ProgressCoalescer>[0]> = {}) {
  const clock = new FakeClock();
  const updates: Array<ProgressUpdate & { at: number }> = [];
  const progress = new ProgressCoalescer({ clock, sink: (u) => updates.push({ ...u, at: clock.now() }), ...options });
  return { clock, updates, progress };
}

test('the first line shows at once; lines within 2 s are folded into one edit', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Read README.md');
  assert.deepEqual(updates.map((u) => u.type), ['new']);
  progress.add({ text: '🔧 Edit src/app.ts +3 −1', ranges: [{ start: 3, length: 4, style: 'bold' }] }, 'e1');
  clock.advance(500);
  progress.update('e1', '🔧 Edit src/app.ts +3 −1 ✅');
  progress.add('🔧 Bash npm test');
  assert.equal(updates.length, 1, 'nothing more before the interval');
  clock.advance(1500);
  assert.equal(updates.length, 2);
  assert.equal(updates[1]!.type, 'edit');
  assert.equal(updates[1]!.text.text, '⏳ Working…\n🔧 Read README.md\n🔧 Edit src/app.ts +3 −1 ✅\n🔧 Bash npm test');
  progress.update('e1', { text: '🔧 Edit src/app.ts +3 −1 ✅', ranges: [{ start: 3, length: 4, style: 'bold' }] });
  clock.advance(2000);
  const edit = updates[2]!.text;
  const range = edit.ranges[0]!;
  assert.equal(edit.text.slice(range.start, range.start + range.length), 'Edit', 'styles keep their place in the combined message');
});

test('no two updates closer than 2 s, and a long busy turn stays within the message budget', () => {
  const { clock, updates, progress } = setup();
  for (let i = 0; i < 2000; i++) {
    progress.add(`🔧 step ${i}`, `k${i}`);
    if (i % 3 === 0) progress.update(`k${i}`, `🔧 step ${i} ✅`);
    clock.advance(300); // 2,000 events over 10 minutes
  }
  progress.finish('✅ Done');
  clock.advance(120_000);
  const gaps = updates.slice(1).map((u, i) => u.at - updates[i]!.at);
  assert.ok(Math.min(...gaps) >= 2000, `closest updates ${Math.min(...gaps)} ms apart`);
  const messages = updates.filter((u) => u.type === 'new').length;
  assert.ok(messages <= 5, `${messages} progress messages`);
  for (let m = 0; m < messages; m++) {
    assert.ok(updates.filter((u) => u.type === 'edit' && u.messageIndex === m).length <= 9, `message ${m} edited at most 9 times`);
  }
});

test('a progress message shows the latest lines and counts the hidden ones', () => {
  const { clock, updates, progress } = setup({ visibleLines: 3 });
  for (let i = 1; i <= 6; i++) progress.add(`line ${i}`);
  clock.advance(2000);
  assert.equal(updates.at(-1)!.text.text, '⏳ Working…\n… 3 earlier steps\nline 4\nline 5\nline 6');
});

test('finish adds the footer as one last edit once the interval allows; a silent turn sends nothing', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Read a.ts');
  progress.finish('✅ Done · 1 step');
  assert.equal(updates.length, 1);
  clock.advance(2000);
  assert.equal(updates.at(-1)!.text.text, '🔧 Read a.ts\n✅ Done · 1 step');
  assert.equal(clock.pendingTimers(), 0);

  const quiet = setup();
  quiet.progress.finish('✅ Done');
  quiet.clock.advance(5000);
  assert.equal(quiet.updates.length, 0);
});

test('dispose drops a pending edit', () => {
  const { clock, updates, progress } = setup();
  progress.add('a');
  progress.add('b');
  progress.dispose();
  clock.advance(10_000);
  assert.equal(updates.length, 1);
});

test('a final edit waiting for its interval is known (so shutdown can drop it before the store closes)', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Read README.md');
  clock.advance(100);
  progress.finish('✅ Done');
  assert.equal(progress.idle, false, 'the last edit waits for the 2 s interval');
  clock.advance(2000);
  assert.equal(progress.idle, true, 'once sent, nothing is left waiting (the runtime then forgets the view)');
  assert.equal(updates.at(-1)?.text.text.endsWith('✅ Done'), true);
});

test('the first progress message shows the header and the first step, in plain text', () => {
  const { updates, progress } = setup();
  progress.add('🔧 Read README.md');
  assert.deepEqual(updates, [{ type: 'new', messageIndex: 0, text: { text: '⏳ Working…\n🔧 Read README.md', ranges: [] }, at: updates[0]!.at }]);
});

test('a step is updated in place by its key; an update for a step not shown yet adds it', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Read a.ts', 'read');
  progress.add('🔧 Bash npm test', 'bash');
  progress.add('thinking…');
  progress.update('read', '🔧 Read a.ts ✅');
  progress.update('grep', '🔧 Grep TODO');
  clock.advance(2000);
  assert.equal(updates.at(-1)!.text.text, '⏳ Working…\n🔧 Read a.ts ✅\n🔧 Bash npm test\nthinking…\n🔧 Grep TODO');
});

test('an update that changes nothing the phone would show is not sent; a change of style is', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Edit a.ts', 'e');
  clock.advance(2000);
  progress.update('e', '🔧 Edit a.ts');
  clock.advance(2000);
  assert.equal(updates.length, 1, 'the same text again is no edit');
  progress.update('e', { text: '🔧 Edit a.ts', ranges: [{ start: 3, length: 4, style: 'bold' }] });
  clock.advance(2000);
  assert.equal(updates.length, 2);
  const [range] = updates[1]!.text.ranges;
  assert.equal(updates[1]!.text.text.slice(range!.start, range!.start + range!.length), 'Edit');
  assert.equal(range!.style, 'bold');
});

test('one hidden step is counted in the singular', () => {
  const { updates, clock, progress } = setup({ visibleLines: 2 });
  for (const line of ['a', 'b', 'c']) progress.add(line);
  clock.advance(2000);
  assert.equal(updates.at(-1)!.text.text, '⏳ Working…\n… 1 earlier step\nb\nc');
});

test('when a message has used its edits, a new one continues with every step not shown yet, and updates slow down', () => {
  const { clock, updates, progress } = setup({ maxEditsPerMessage: 2 });
  progress.add('step 1');
  clock.advance(2000);
  progress.add('step 2');
  clock.advance(2000);
  progress.add('step 3');
  assert.deepEqual(updates.map((u) => [u.type, u.messageIndex]), [['new', 0], ['edit', 0], ['edit', 0]]);
  progress.add('step 4');
  progress.add('step 5');
  clock.advance(2000);
  assert.deepEqual(updates.at(-1), { type: 'new', messageIndex: 1, text: { text: '⏳ Working… (continued)\nstep 4\nstep 5', ranges: [] }, at: clock.now() });
  // The second message is edited at most every 4 s.
  progress.add('step 6');
  clock.advance(3999);
  assert.equal(updates.length, 4);
  clock.advance(1);
  assert.equal(updates.at(-1)!.text.text, '⏳ Working… (continued)\nstep 4\nstep 5\nstep 6');
});

test('a message started by an update alone repeats the latest step rather than showing none', () => {
  const { clock, updates, progress } = setup({ maxEditsPerMessage: 1 });
  progress.add('step 1', 'one');
  clock.advance(2000);
  progress.add('step 2', 'two');
  clock.advance(2000);
  progress.update('two', 'step 2 ✅');
  clock.advance(4000);
  assert.deepEqual(updates.map((u) => u.text.text), ['⏳ Working…\nstep 1', '⏳ Working…\nstep 1\nstep 2', '⏳ Working… (continued)\nstep 2 ✅']);
});

test('a long turn with default settings uses exactly five progress messages, then waits for the end', () => {
  const { clock, updates, progress } = setup();
  for (let i = 0; i < 3600; i++) {
    progress.add(`🔧 step ${i}`);
    clock.advance(1000); // a step a second for an hour
  }
  assert.deepEqual(updates.filter((u) => u.type === 'new').map((u) => u.messageIndex), [0, 1, 2, 3, 4]);
  const intervals = [2000, 4000, 8000, 16_000, 32_000];
  for (let i = 1; i < updates.length; i++) {
    const index = updates[i]!.messageIndex;
    if (updates[i]!.type === 'edit') assert.ok(updates[i]!.at - updates[i - 1]!.at >= intervals[index]!, `edit ${i} of message ${index}`);
  }
});

test('with the edits and the messages spent, nothing more is sent, not even the footer', () => {
  const { clock, updates, progress } = setup({ maxEditsPerMessage: 1, maxMessages: 2 });
  for (let i = 0; i < 20; i++) {
    progress.add(`step ${i}`);
    clock.advance(10_000);
  }
  progress.finish('✅ Done');
  clock.advance(60_000);
  assert.deepEqual(updates.map((u) => [u.type, u.messageIndex]), [['new', 0], ['edit', 0], ['new', 1], ['edit', 1]]);
});

test('the footer is sent at once when the interval has passed, exactly at its end too', () => {
  const { clock, updates, progress } = setup();
  progress.add('🔧 Read a.ts');
  clock.advance(2000);
  progress.finish('✅ Done');
  assert.deepEqual(updates.at(-1), { type: 'edit', messageIndex: 0, text: { text: '🔧 Read a.ts\n✅ Done', ranges: [] }, at: clock.now() });
  assert.equal(progress.idle, true);
});

test('a step exactly one interval after the last update is sent at once', () => {
  const { clock, updates, progress } = setup();
  progress.add('a');
  clock.advance(2000);
  progress.add('b');
  assert.equal(updates.length, 2);
});

test('after the turn finished or was cancelled, late steps and a second footer are not sent', () => {
  const done = setup();
  done.progress.add('a');
  done.clock.advance(2000);
  done.progress.finish('✅ Done');
  done.progress.add('late');
  done.progress.update('late', 'late ✅');
  done.progress.finish('✅ Done twice');
  done.clock.advance(10_000);
  assert.deepEqual(done.updates.map((u) => u.text.text), ['⏳ Working…\na', 'a\n✅ Done']);

  const waiting = setup();
  waiting.progress.add('a');
  waiting.progress.add('b');
  waiting.progress.finish('✅ Done');
  waiting.progress.finish('✅ Done twice');
  waiting.clock.advance(10_000);
  assert.deepEqual(waiting.updates.map((u) => u.text.text), ['⏳ Working…\na', 'a\nb\n✅ Done']);

  const cancelled = setup();
  cancelled.progress.add('a');
  cancelled.progress.dispose();
  cancelled.progress.dispose();
  cancelled.progress.add('late');
  cancelled.clock.advance(10_000);
  assert.deepEqual(cancelled.updates.map((u) => u.text.text), ['⏳ Working…\na']);
});
