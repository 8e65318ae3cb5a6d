import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  approvalRequest,
  crashNotice,
  sessionStatusLines,
  finalAnswerMarkdown,
  minutesLeft,
  severalApprovals,
  turnFooter,
  workingHeader,
  withProjectName,
} from '../../../src-main/display/wording/index.js';

test('an approval request carries the reply hint word for word, styled project and command', () => {
  const m = approvalRequest({ projectName: 'shop', id: '4f2a', tool: 'Bash', summary: 'rm -rf build', reason: 'not in the allow list', minutesLeft: 10 });
  const text = { text: m.body, ranges: m.bodyRanges };
  assert.equal(
    text.text,
    '🔐 shop wants to use Bash:\nrm -rf build\nnot in the allow list\nreply yes 4f2a, always 4f2a or no 4f2a (or react 👍 / ♾️ / 👎) · expires in 10 min',
  );
  assert.deepEqual(
    text.ranges.map((r) => [r.style, text.text.slice(r.start, r.start + r.length)]),
    [
      ['bold', 'shop'],
      ['monospace', 'rm -rf build'],
    ],
  );
  assert.equal(minutesLeft(1_000 + 20_000, 1_000), 1, 'at least a minute');
});

test('the progress message opens with Working and ends with what became of the turn', () => {
  assert.equal(workingHeader(false), '⏳ Working…');
  assert.equal(workingHeader(true), '⏳ Working… (resumed after a restart)');
  assert.equal(turnFooter('end_turn', 0), '✅ Done');
  assert.equal(turnFooter('end_turn', 1), '✅ Done · 1 step');
  assert.equal(turnFooter('end_turn', 3), '✅ Done · 3 steps');
  assert.equal(turnFooter('cancelled', 3), '⏹ Stopped');
  assert.equal(turnFooter('error', 3), '❌ Failed');
  const named = withProjectName('shop', { text: '⏳ Working…', ranges: [] });
  assert.equal(named.text, 'shop · ⏳ Working…');
});

test('/status lists the background commands still running, with when each started', () => {
  const base = { projectName: 'shop', state: 'active', mode: 'default', model: 'm', lastActivityAt: 0, costUsd: 0, queued: 0, crash: undefined, pending: [] };
  const now = 10 * 60_000;
  assert.deepEqual(sessionStatusLines({ ...base, background: [] }, now).length, 2, 'none running: no line');
  assert.deepEqual(sessionStatusLines({ ...base, background: [{ id: 'bash_1', command: 'npm run dev', startedAt: now - 5 * 60_000 }] }, now).slice(2), [
    '🔄 1 background command running, until Claude stops it or the session ends:',
    '• `npm run dev` (started 5 min ago)',
  ]);
  const two = sessionStatusLines({ ...base, background: [{ id: 'bash_1', command: 'npm run dev', startedAt: now }, { id: 'bash_2', command: 'tail -f\n  server.log', startedAt: now }] }, now).slice(2);
  assert.deepEqual(two, ['🔄 2 background commands running, until Claude stops them or the session ends:', '• `npm run dev` (started just now)', '• `tail -f server.log` (started just now)']);
});

test('crash notices say whether the session recovers or waits for /restart', () => {
  assert.equal(crashNotice('shop', 'exit code 1', false), "⚠️ shop: Claude's worker stopped unexpectedly (exit code 1). Recovering and continuing…");
  assert.equal(crashNotice('shop', 'exit code 1', true), '💥 shop crashed twice within a minute (exit code 1). Reply /restart to start it again.');
  assert.equal(crashNotice('shop', 'exit code 1', false, 120_000), '💥 shop keeps crashing (exit code 1). Next attempt in 2 min, then after longer waits; /status shows when, /restart tries now.');
  const waiting = { projectName: 'shop', state: 'crashed', mode: 'default', model: 'm', lastActivityAt: 0, costUsd: 0, queued: 0, pending: [] };
  assert.equal(sessionStatusLines({ ...waiting, crash: { reason: 'exit code 1', count: 3, retryAt: 1000 + 240_000 } }, 1000).at(-1), '💥 exit code 1 (3×) — next attempt in 4 min, `/restart` tries now');
  assert.equal(sessionStatusLines({ ...waiting, crash: { reason: 'exit code 1', count: 2 } }, 1000).at(-1), '💥 exit code 1 (2×) — `/restart` to revive');
});

test('a final answer names its project and, when there were any, its tool calls and cost', () => {
  assert.equal(finalAnswerMarkdown('shop', 'All done.', 0, null), '**shop** · All done.');
  assert.equal(finalAnswerMarkdown('shop', 'All done.', 2, 0.5), '**shop** · All done.\n\n_2 tool calls · $0.50_');
  assert.equal(severalApprovals('4f2a', []), 'Several approvals have id 4f2a; reply to the approval message itself.');
});
