// The agent in a real worker thread, driven the way the sessions layer will drive it: a
// multi-tool coding turn end to end, approvals (once / session / deny / timeout), /stop, a
// health check, and a crash in the middle of a tool followed by a resume from the persisted steps.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { INTERRUPTED_TEXT } from '../../../src-main/agent/worker/tool-runner.js';
import { revertFileChanges } from '../../../src-main/agent/worker/tools/index.js';
import type { Step } from '../../../src-main/agent/transcript.js';
import { isAppError } from '../../../src-main/shared/errors.js';
import { AnthropicTestServer, reply, text, toolUse, type RequestBody } from '../../helpers/anthropic-server.js';
import { baseConfig, spawnWorker, tempProject } from '../harness.js';
import { gone } from '../../helpers/processes.js';

/** Whether the process ends within 10 s (a bound for a loaded CI machine, not a speed figure). */
const gone10s = (pid: number): Promise<boolean> => gone(pid, 10_000);

type Block = { type: string; tool_use_id?: string; is_error?: boolean; content?: unknown; text?: string };
const lastBlocks = (body: RequestBody | undefined): Block[] => (body?.messages.at(-1)?.content ?? []) as Block[];

describe('agent worker', () => {
  let server: AnthropicTestServer;
  const limiter = new RateLimiter();
  before(async () => {
    server = await AnthropicTestServer.start();
  });
  after(() => server.close());

  test('a multi-tool coding turn runs end to end in a worker thread', async (t) => {
    const root = await tempProject({
      'src/math.js': 'export function add(a, b) {\n  return a - b;\n}\n',
      'test.mjs': "import { add } from './src/math.js';\nif (add(2, 3) !== 5) { console.error('add is broken'); process.exit(1); }\nconsole.log('all tests pass');\n",
      'CLAUDE.md': 'Run `node test.mjs` to test.\n',
    });
    t.after(() => rm(root, { recursive: true, force: true }));
    server.enqueue(
      reply([text('Let me look.'), toolUse('TodoWrite', { todos: [{ content: 'Fix add', status: 'in_progress', activeForm: 'Fixing add' }] }), toolUse('Grep', { pattern: 'function add', output_mode: 'content' })]),
      reply([toolUse('Read', { file_path: 'src/math.js' })]),
      reply([toolUse('Edit', { file_path: 'src/math.js', old_string: 'return a - b;', new_string: 'return a + b;' })]),
      reply([toolUse('Bash', { command: 'node test.mjs' })]),
      reply([text('Fixed `add` in src/math.js (it subtracted). `node test.mjs` passes.')]),
    );
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    const ready = await worker.start(baseConfig(root, server.url, { permissionMode: 'default', rules: { allow: ['Edit(src/**)', 'Bash(node test.mjs)'], ask: [], deny: [] } }));
    assert.equal(ready.lastSeq, -1);
    const first = server.messageRequests.length;
    worker.sendTurn('turn-fix', [{ type: 'text', text: 'add() is broken, fix it' }]);
    const end = await log.waitFor('turn_end', (e) => e.turnId === 'turn-fix');

    assert.equal(end.reason, 'end_turn');
    assert.match(end.text, /Fixed `add`/);
    assert.equal(await readFile(join(root, 'src/math.js'), 'utf8'), 'export function add(a, b) {\n  return a + b;\n}\n');
    assert.deepEqual(log.of('tool_result').map((r) => [r.name, r.outcome, r.isError]), [
      ['TodoWrite', 'ran', false],
      ['Grep', 'ran', false],
      ['Read', 'ran', false],
      ['Edit', 'ran', false],
      ['Bash', 'ran', false],
    ]);
    assert.equal(log.of('approval_request').length, 0, 'the rules allowed everything');
    assert.deepEqual(log.of('todos')[0]?.todos, [{ content: 'Fix add', status: 'in_progress', activeForm: 'Fixing add' }]);
    const requests = server.messageRequests.slice(first).map((r) => r.body);
    assert.equal(requests.length, 5);
    assert.match(String(lastBlocks(requests[4])[0]?.content), /all tests pass/);
    for (const body of requests.slice(1)) assert.equal(lastBlocks(body)[0]?.type, 'tool_result', 'tool results come first');
    const usage = log.of('usage');
    assert.equal(usage.length, 5);
    assert.ok(usage.every((u) => (u.costUsd ?? 0) > 0));
    assert.ok((end.costUsd ?? 0) > 0);

    // Steps arrive numbered, ready to persist; the edit carries its before-image for /undo.
    const steps = log.steps;
    assert.deepEqual(steps.map((s) => s.seq), steps.map((_, i) => i));
    assert.equal(steps.at(-1)?.kind, 'turn_end');
    const edit = steps.find((s) => s.kind === 'tool_result' && s.name === 'Edit');
    assert.ok(edit?.kind === 'tool_result');
    await revertFileChanges(root, edit.fileChanges);
    assert.match(await readFile(join(root, 'src/math.js'), 'utf8'), /a - b/);
  });

  test('approvals: allow once, allow for the session, deny with a reason, no answer', async (t) => {
    const root = await tempProject({ 'build/out.txt': 'x' });
    t.after(() => rm(root, { recursive: true, force: true }));
    const cmd = 'echo hi >> hi.txt';
    server.enqueue(
      reply([toolUse('Bash', { command: cmd }, 'b1')]),
      reply([toolUse('Bash', { command: cmd }, 'b2')]),
      reply([toolUse('Bash', { command: cmd }, 'b3')]),
      reply([toolUse('Bash', { command: 'rm -rf build' }, 'b4')]),
      reply([toolUse('Write', { file_path: 'notes.md', content: 'n' }, 'w1')]),
      reply([text('Done what I was allowed to.')]),
    );
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, server.url, { permissionMode: 'default', approvalTimeoutMs: 400 }));
    const first = server.messageRequests.length;
    worker.sendTurn('turn-approve', [{ type: 'text', text: 'go' }]);

    const a1 = await log.waitFor('approval_request', (e) => e.toolUseId === 'b1');
    assert.match(a1.approvalId, /^[0-9a-f]{4}$/);
    assert.equal(a1.summary, cmd);
    assert.equal(a1.sessionRule, `Bash(${cmd})`);
    worker.answerApproval(a1.approvalId, 'once');
    const a2 = await log.waitFor('approval_request', (e) => e.toolUseId === 'b2');
    worker.answerApproval(a2.approvalId, 'always');
    await log.waitFor('rule_added', (e) => e.rule === `Bash(${cmd})`);
    const a4 = await log.waitFor('approval_request', (e) => e.toolUseId === 'b4');
    assert.equal(log.of('approval_request').some((e) => e.toolUseId === 'b3'), false, 'the session rule allowed b3');
    worker.answerApproval(a4.approvalId, 'deny', 'use git clean instead');
    const w1 = await log.waitFor('approval_request', (e) => e.toolUseId === 'w1');
    const end = await log.waitFor('turn_end', (e) => e.turnId === 'turn-approve');
    assert.equal(end.reason, 'end_turn');

    assert.equal(await readFile(join(root, 'hi.txt'), 'utf8'), 'hi\nhi\nhi\n');
    assert.equal(await readFile(join(root, 'build/out.txt'), 'utf8'), 'x', 'the denied command did not run');
    await assert.rejects(readFile(join(root, 'notes.md')), 'the unanswered write did not happen');
    assert.deepEqual(log.of('approval_resolved').map((e) => [e.decision, e.by]), [
      ['once', 'owner'],
      ['always', 'owner'],
      ['deny', 'owner'],
      ['deny', 'timeout'],
    ]);
    assert.equal(log.of('approval_resolved').at(-1)?.approvalId, w1.approvalId);
    const bodies = server.messageRequests.slice(first).map((r) => r.body);
    const denied = lastBlocks(bodies[4])[0];
    assert.equal(denied?.is_error, true);
    assert.match(String(denied?.content), /owner denied.*use git clean instead/);
    const timedOut = lastBlocks(bodies[5])[0];
    assert.match(String(timedOut?.content), /did not answer within 0 seconds/);
  });

  test('/stop ends a streaming turn within a second; a health check answers', async (t) => {
    const root = await tempProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    server.enqueue(reply([text('word '.repeat(2000))], { chunkChars: 5, delayMs: 10 }));
    const { worker, log } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await worker.start(baseConfig(root, server.url));
    const idle = await worker.ping();
    assert.equal(idle.busy, false);
    worker.sendTurn('turn-long', [{ type: 'text', text: 'talk' }]);
    await log.waitFor('text_delta');
    const busy = await worker.ping();
    assert.equal(busy.busy, true);
    const stoppedAt = Date.now();
    worker.stop();
    const end = await log.waitFor('turn_end', (e) => e.turnId === 'turn-long');
    assert.ok(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
    assert.equal(end.reason, 'cancelled');
  });

  test('after a crash mid-tool, a new worker resumes from the persisted steps', async (t) => {
    const root = await tempProject({ 'log.txt': '' });
    t.after(() => rm(root, { recursive: true, force: true }));
    server.enqueue(
      reply([
        toolUse('Bash', { command: 'echo A >> log.txt' }, 'c_a'),
        toolUse('Bash', { command: 'echo $$ > b.pid; echo B-start >> log.txt; sleep 30; echo B-end >> log.txt' }, 'c_b'),
        toolUse('Bash', { command: 'echo C >> log.txt' }, 'c_c'),
      ]),
    );
    // Unsandboxed so that $$ is a pid of this computer (in the sandbox it is its namespace's).
    const config = baseConfig(root, server.url, { permissionMode: 'bypassPermissions', sandbox: { enabled: false, askWhenUnsandboxed: false } });
    const first = spawnWorker(limiter);
    await first.worker.start(config);
    first.worker.sendTurn('turn-crash', [{ type: 'text', text: 'three commands' }]);
    await first.log.waitFor('step', (e) => e.step.kind === 'tool_start' && e.step.toolUseId === 'c_b');
    while (!(await readFile(join(root, 'log.txt'), 'utf8')).includes('B-start')) await new Promise((r) => setTimeout(r, 20));
    // The worker's report of the command can arrive after its output does (under load it did):
    // the crash comes once the app knows of the command, as it would in the middle of a call.
    const pid = Number(await readFile(join(root, 'b.pid'), 'utf8'));
    for (let i = 0; !first.worker.runningCommands.includes(pid); i++) {
      if (i > 500) assert.fail(`the worker never reported command ${pid}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The database would hold exactly the steps received so far.
    const persisted: Step[] = first.log.steps.map((s) => structuredClone(s));
    const exit = await first.worker.terminate();
    assert.equal(exit.requested, true);
    assert.ok(await gone10s(pid), 'the running command died with the worker');

    server.enqueue(reply([text('A and C ran; B was interrupted by a restart.')]));
    const second = spawnWorker(limiter);
    t.after(() => second.worker.terminate());
    const ready = await second.worker.start(config, persisted);
    assert.equal(ready.resumingTurnId, 'turn-crash');
    assert.equal(ready.lastSeq, persisted.at(-1)?.seq);
    const end = await second.log.waitFor('turn_end', (e) => e.turnId === 'turn-crash');
    assert.equal(end.reason, 'end_turn');
    assert.equal(await readFile(join(root, 'log.txt'), 'utf8'), 'A\nB-start\nC\n');
    const results = lastBlocks(server.messageRequests.at(-1)?.body).filter((b) => b.type === 'tool_result');
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error ?? false]), [['c_a', false], ['c_b', true], ['c_c', false]]);
    assert.equal(results[1]?.content, INTERRUPTED_TEXT);
    assert.equal(second.log.of('turn_end').length, 1, 'the final reply is produced once');
  });

  test('one limiter for all workers: a 429 in one session holds back the others', async (t) => {
    const shared = new RateLimiter();
    const rootA = await tempProject();
    const rootB = await tempProject();
    t.after(() => Promise.all([rm(rootA, { recursive: true, force: true }), rm(rootB, { recursive: true, force: true })]));
    const a = spawnWorker(shared);
    const b = spawnWorker(shared);
    t.after(() => Promise.all([a.worker.terminate(), b.worker.terminate()]));
    await Promise.all([a.worker.start(baseConfig(rootA, server.url, { sessionId: 'A' })), b.worker.start(baseConfig(rootB, server.url, { sessionId: 'B' }))]);
    const arrivals: { who: string; at: number }[] = [];
    const who = (body: RequestBody): string => (JSON.stringify(body.system).includes(rootA) ? 'A' : 'B');
    server.enqueue(
      (req) => {
        arrivals.push({ who: who(req.body), at: Date.now() });
        return { kind: 'error', status: 429, retryAfterSec: 1 };
      },
      (req) => {
        arrivals.push({ who: who(req.body), at: Date.now() });
        return reply([text('first answer')]);
      },
      (req) => {
        arrivals.push({ who: who(req.body), at: Date.now() });
        return reply([text('second answer')]);
      },
    );
    a.worker.sendTurn('ta', [{ type: 'text', text: 'hi from A' }]);
    await a.log.waitFor('error', (e) => e.retrying);
    b.worker.sendTurn('tb', [{ type: 'text', text: 'hi from B' }]);
    await Promise.all([a.log.waitFor('turn_end'), b.log.waitFor('turn_end')]);
    assert.equal(arrivals[0]?.who, 'A');
    const limited = arrivals[0]?.at as number;
    const bArrival = arrivals.find((x) => x.who === 'B')?.at as number;
    assert.ok(bArrival - limited >= 900, `B waited ${bArrival - limited} ms for A's retry-after`);
    assert.equal(shared.snapshot().buckets.requests?.limit, 4000, 'headers reached the shared limiter');
  });

  test('a session that cannot start says why', async (t) => {
    const { worker } = spawnWorker(limiter);
    t.after(() => worker.terminate());
    await assert.rejects(worker.start(baseConfig('/nonexistent/project', server.url)), (e: unknown) => isAppError(e) && e.code === 'AGENT_WORKER' && /Could not start/.test(e.message));
  });
});
