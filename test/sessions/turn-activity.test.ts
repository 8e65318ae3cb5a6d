// The running turn as the app shows it live: thinking, writing, the tool in hand (and the
// approval it waits for), the step count; one event per real change, and "no turn" at its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEvent, TurnProgress } from '../../src-main/shared/api.js';
import { TurnActivity } from '../../src-main/sessions/turn-activity.js';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startSessions } from '../helpers/sessions-harness.js';

test('activity: a tool call counts a step and names the tool; an approval shows what it is about; text deltas change the phase once', () => {
  let now = 1_000;
  const seen: TurnProgress[] = [];
  const a = new TurnActivity('t1', now, false, () => now, (p) => seen.push(p));
  assert.deepEqual(a.snapshot(), { turnId: 't1', startedAt: new Date(1_000).toISOString(), phase: 'thinking', steps: 0, resumed: false });

  a.writing();
  a.writing();
  a.writing();
  assert.deepEqual(seen.map((p) => p.phase), ['writing'], 'a stream of deltas is one change');

  now = 4_000;
  a.toolCall('c1', { name: 'Bash', line: '🔧 Bash npm test' });
  a.approvalAsked('c1');
  assert.deepEqual(a.snapshot().tool, { name: 'Bash', line: '🔧 Bash npm test', startedAt: new Date(4_000).toISOString() });
  assert.equal(a.snapshot().phase, 'approval');
  a.approvalResolved();
  assert.equal(a.snapshot().phase, 'tool', 'allowed: the tool runs');
  a.toolResult('c1');
  assert.equal(a.snapshot().phase, 'thinking');
  assert.equal(a.snapshot().tool, undefined, 'no tool in hand between calls');

  a.toolCall('c2', { name: 'Read', line: '🔧 Read a.ts' });
  a.toolResult('c2');
  assert.equal(a.snapshot().steps, 2);
  a.writing();
  a.thinking(); // the stream was reset for a retry
  assert.equal(a.snapshot().phase, 'thinking');
  assert.deepEqual(
    seen.map((p) => p.phase),
    ['writing', 'tool', 'approval', 'tool', 'thinking', 'tool', 'thinking', 'writing', 'thinking'],
  );
});

test('a running turn: its activity is in the session summary and in turn-progress events, and gone when it ends', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop');
  const dir = join(h.root, 'shop');
  h.claude.enqueue(
    reply([text('Waiting for the go file.'), toolUse('Bash', { command: 'while [ ! -e go ]; do sleep 0.05; done; echo went' })]),
    reply([text('It went.')]),
  );
  const runtime = h.instruct(shop, 'wait for go');
  const progressOf = () => h.supervisor.summary(runtime).turn;

  await h.until(() => progressOf()?.phase === 'approval', 'the Bash call waits for approval');
  const asking = progressOf()!;
  assert.equal(asking.steps, 1);
  assert.equal(asking.tool?.name, 'Bash');
  assert.match(asking.tool?.line ?? '', /^🔧 Bash while \[ ! -e go \]/);

  const [approval] = h.approvals.pendingForSession(runtime.id);
  assert.ok(approval, 'the approval is pending');
  h.store.transaction(() => h.approvals.answer(approval, 'once', undefined, 'test')).after?.();
  await h.until(() => progressOf()?.phase === 'tool', 'the command runs');
  assert.equal(progressOf()?.tool?.name, 'Bash', 'the running tool is named');

  writeFileSync(join(dir, 'go'), '');
  await h.replies.waitFor((r) => r.kind === 'final', 'the final answer');
  await h.until(() => runtime.state === 'idle', 'idle');
  assert.equal(progressOf(), undefined, 'no turn runs');

  const turnEvents = h.events.filter((e): e is Extract<ApiEvent, { type: 'turn-progress' }> => e.type === 'turn-progress' && e.sessionId === runtime.id);
  const phases = turnEvents.map((e) => e.turn?.phase ?? 'ended');
  assert.equal(phases[0], 'thinking', 'the turn shows as soon as it starts');
  assert.equal(phases.at(-1), 'ended');
  // Collapse the repeats of the streamed text: the order of what the owner saw.
  const order = phases.filter((p, i) => p !== phases[i - 1]);
  assert.deepEqual(order, ['thinking', 'writing', 'tool', 'approval', 'tool', 'thinking', 'writing', 'ended']);
  assert.ok(turnEvents.length <= 12, `few events for a whole turn (${turnEvents.length})`);
});
