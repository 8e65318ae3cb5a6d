// The session lifecycle with real agent workers and a fake clock: suspend after 30 idle
// minutes, resume on the next message with the conversation intact, terminate after 24 hours,
// a stalled worker caught by the health check, /stop, and sessions restored after a restart of
// the app. Crash recovery is in supervisor-crashes.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startSessions } from '../helpers/sessions-harness.js';

// The durations the owner is promised (README, DESIGN.md), written out so a changed constant shows.
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

test('idle 30 min → suspended (worker gone); the next message resumes with the conversation; 24 h → terminated', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop');
  h.claude.enqueue(reply([text('Hello! What shall we build?')]), reply([text('We talked about building before.')]));

  const runtime = h.instruct(shop, 'hi there');
  await h.replies.waitFor((r) => r.kind === 'final', 'the first answer');
  await h.until(() => runtime.state === 'idle', 'idle');
  assert.equal(runtime.hasWorker, true);

  h.clock.advance(30 * MINUTE - 1000);
  assert.equal(runtime.state, 'idle', 'still idle just before 30 minutes');
  h.clock.advance(1000);
  assert.equal(runtime.state, 'suspended');
  await h.until(() => !runtime.hasWorker, 'the worker ends when suspended');

  h.instruct(shop, 'what did I say first?');
  assert.equal(runtime.state, 'resuming');
  await h.replies.waitFor((r) => r.kind === 'final' && r.answer.markdown.includes('talked about'), 'the second answer');
  const resumed = h.claude.messageRequests[1]!.body.messages;
  assert.equal(resumed.length, 3, 'the resumed worker sends the earlier exchange too');
  assert.match(JSON.stringify(resumed[0]), /hi there/);

  await h.until(() => runtime.state === 'idle', 'idle again');
  h.clock.advance(30 * MINUTE);
  assert.equal(runtime.state, 'suspended');
  h.clock.advance(24 * HOUR - 1000);
  assert.equal(runtime.state, 'suspended', 'still resumable just before 24 hours');
  h.clock.advance(1000);
  assert.equal(runtime.state, 'terminated');
  assert.equal(h.repos.sessions.currentFor(shop.id), undefined, 'a new message will start a fresh session');
});

test('a worker that stops answering is caught by the health check and recovered', async (t) => {
  const h = await startSessions(t, { healthTimeoutMs: 300 });
  const shop = h.project('shop');
  const runtime = h.instruct(shop, 'HANG_NOW');
  await h.until(() => runtime.state === 'active', 'the turn starts');
  await h.supervisor.healthCheck();
  assert.ok(['recovering', 'crashed', 'active'].includes(runtime.state), runtime.state);
  assert.equal(runtime.currentRecord().crashCount, 1);
  assert.match(runtime.currentRecord().crashReason ?? '', /unresponsive/);
});

test('/stop ends a running turn within a second and drops the queued ones', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop', 'bypassPermissions');
  h.claude.enqueue(reply([toolUse('Bash', { command: 'sleep 30' })]));
  const runtime = h.instruct(shop, 'wait a while');
  h.instruct(shop, 'and then this');
  await h.until(() => h.claude.messageRequests.length === 1 && runtime.state === 'active', 'the turn is running');
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  const result = h.store.transaction(() => h.supervisor.stopTurn(runtime));
  assert.deepEqual(result, { running: true, dropped: 1 });
  const final = await h.replies.waitFor((r) => r.kind === 'final', 'the stopped answer');
  assert.ok(Date.now() - started < 1500, `stopped in ${Date.now() - started} ms`);
  assert.equal(final.kind === 'final' && final.answer.reason, 'cancelled');
  await h.until(() => runtime.state === 'idle', 'idle after stop');
  assert.equal(h.claude.messageRequests.length, 1, 'the queued instruction never ran');
});

test('sessions come back after a restart of the app: an idle one stays idle, its history is kept', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop');
  h.claude.enqueue(reply([text('Noted: blue.')]), reply([text('You said blue.')]));
  const before = h.instruct(shop, 'my colour is blue');
  await h.replies.waitFor((r) => r.kind === 'final', 'the answer');
  await h.until(() => before.state === 'idle', 'idle');
  const supervisor = await h.restart();
  const after = supervisor.existingSessionFor(shop.id);
  assert.equal(after?.id, before.id);
  assert.equal(after?.state, 'idle');
  assert.equal(after?.hasWorker, false, 'no worker until there is work');
  assert.ok(after?.history.list().some((e) => e.kind === 'assistant' && e.text === 'Noted: blue.'));
  h.instruct(shop, 'what colour?');
  await h.replies.waitFor((r) => r.kind === 'final' && r.answer.markdown === 'You said blue.', 'an answer after the restart');
  assert.match(JSON.stringify(h.claude.messageRequests[1]!.body.messages), /my colour is blue/);
});

test('a background command Claude started is listed by its session while it runs, and no longer once the worker is gone', async (t) => {
  const h = await startSessions(t);
  const shop = h.project('shop', 'bypassPermissions');
  h.claude.enqueue(reply([toolUse('Bash', { command: 'sleep 30.777', run_in_background: true })]), reply([text('The server runs in the background.')]));
  const runtime = h.instruct(shop, 'start the dev server');
  await h.replies.waitFor((r) => r.kind === 'final', 'the answer');
  await h.until(() => runtime.backgroundCommands.length === 1, 'the command is listed');
  assert.deepEqual(runtime.backgroundCommands.map((b) => [b.id, b.command]), [['bash_1', 'sleep 30.777']]);
  await h.until(() => runtime.state === 'idle', 'idle');
  h.clock.advance(30 * MINUTE);
  assert.equal(runtime.state, 'suspended');
  await h.until(() => !runtime.hasWorker, 'the worker ends when suspended');
  assert.deepEqual(runtime.backgroundCommands, [], 'it ended with the worker');
});
