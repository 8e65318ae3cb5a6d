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
