// Crash semantics: a turn resumed from its persisted steps continues from the last one. Tool
// calls that completed are not run again; the one that was running is reported to Claude as
// interrupted; calls that never started run normally; the turn ends once.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { INTERRUPTED_TEXT } from '../../src-main/agent/worker/tool-runner.js';
import { interruptedTurn } from '../../src-main/agent/transcript.js';
import { reply, text, toolUse, type RequestBody } from '../helpers/anthropic-server.js';
import { openSession } from './harness.js';

test('a turn cut by a crash continues without re-running completed tools', async (t) => {
  const crashed = await openSession(t, { files: { 'log.txt': '' }, config: { permissionMode: 'bypassPermissions' } });
  crashed.server.enqueue(
    reply([
      text('Three steps.'),
      toolUse('Bash', { command: 'echo A >> log.txt' }, 'tu_a'),
      toolUse('Bash', { command: 'echo B-start >> log.txt; sleep 30; echo B-end >> log.txt' }, 'tu_b'),
      toolUse('Bash', { command: 'echo C >> log.txt' }, 'tu_c'),
    ]),
  );
  crashed.session.enqueueTurn('turn-crash', [{ type: 'text', text: 'do the three steps' }]);
  await crashed.log.waitFor('step', (e) => e.step.kind === 'tool_start' && e.step.toolUseId === 'tu_b');
  // What the main process had persisted when the process died (B is running):
  const persisted = crashed.log.steps.map((s) => structuredClone(s));
  while (!(await readFile(join(crashed.root, 'log.txt'), 'utf8')).includes('B-start')) await new Promise((r) => setTimeout(r, 20));
  assert.equal(interruptedTurn(persisted), 'turn-crash');
  crashed.session.stop();
  await crashed.session.idle();

  const resumed = await openSession(t, { root: crashed.root, transcript: persisted, existingServer: crashed.server, config: { permissionMode: 'bypassPermissions' } });
  crashed.server.enqueue(reply([text('A and C done; B was interrupted.')]));
  assert.equal(resumed.session.resumingTurnId, 'turn-crash');
  resumed.session.settleInterrupted();
  const end = await resumed.log.waitFor('turn_end', (e) => e.turnId === 'turn-crash');
  assert.equal(end.reason, 'end_turn');
  assert.equal(end.text, 'A and C done; B was interrupted.');
  assert.equal(resumed.log.of('turn_started')[0]?.resumed, true);

  // A ran once (before the crash), B was not run again, C ran after the restart.
  assert.equal(await readFile(join(crashed.root, 'log.txt'), 'utf8'), 'A\nB-start\nC\n');
  const body = crashed.server.messageRequests.at(-1)?.body as RequestBody;
  const results = (body.messages.at(-1)?.content as { type: string; tool_use_id: string; is_error?: boolean; content: unknown }[]).filter((b) => b.type === 'tool_result');
  assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error ?? false]), [['tu_a', false], ['tu_b', true], ['tu_c', false]]);
  assert.equal(results[1]?.content, INTERRUPTED_TEXT);
  // Step numbers continue where the persisted transcript stopped.
  const lastPersisted = persisted.at(-1)?.seq as number;
  assert.equal(resumed.log.steps[0]?.seq, lastPersisted + 1);
  assert.equal(resumed.log.of('turn_end').length, 1);
});

test('a finished turn is not resumed', async (t) => {
  const h = await openSession(t);
  h.server.enqueue(reply([text('Done.')]));
  await h.turn('hi');
  assert.equal(interruptedTurn(h.log.steps), undefined);
  const again = await openSession(t, { root: h.root, transcript: h.log.steps, existingServer: h.server });
  assert.equal(again.session.resumingTurnId, undefined);
});

test('an interrupted turn that is not continued is closed, and the next turn is valid', async (t) => {
  const crashed = await openSession(t, { config: { permissionMode: 'bypassPermissions' } });
  crashed.server.enqueue(reply([toolUse('Bash', { command: 'sleep 30' }, 'tu_run'), toolUse('LS', {}, 'tu_next')]));
  crashed.session.enqueueTurn('turn-old', [{ type: 'text', text: 'wait' }]);
  await crashed.log.waitFor('step', (e) => e.step.kind === 'tool_start');
  const persisted = crashed.log.steps.map((s) => structuredClone(s));
  crashed.session.stop();
  await crashed.session.idle();

  const fresh = await openSession(t, { root: crashed.root, transcript: persisted, existingServer: crashed.server, continueInterrupted: false });
  assert.equal(fresh.session.resumingTurnId, undefined);
  fresh.session.settleInterrupted();
  const closed = await fresh.log.waitFor('turn_end', (e) => e.turnId === 'turn-old');
  assert.equal(closed.reason, 'cancelled');
  assert.deepEqual(fresh.log.of('tool_result').map((r) => [r.toolUseId, r.outcome]), [['tu_run', 'interrupted'], ['tu_next', 'cancelled']]);

  crashed.server.enqueue(reply([text('New turn.')]));
  assert.equal((await fresh.turn('something else')).text, 'New turn.');
  const last = crashed.server.messageRequests.at(-1)?.body.messages.at(-1)?.content as { type: string; tool_use_id?: string; text?: string }[];
  assert.deepEqual(last.map((b) => b.tool_use_id ?? b.text), ['tu_run', 'tu_next', 'something else']);
});
