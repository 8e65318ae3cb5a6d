// The session host: agent workers in a child process of their own, driven through the same
// AgentWorker handle as a worker of this process, against the local Anthropic server. A turn
// runs there (its Bash command's parent is the host, not this process); the worker's thread runs
// at a lower priority; the host starts with the first worker and leaves after the last; when it dies, every
// worker it held reports an exit that was not asked for (what the sessions treat as a crash).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { getPriority } from 'node:os';
import { test } from 'node:test';
import { AgentWorker } from '../../../src-main/agent/main/agent-worker.js';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { SessionHost } from '../../../src-main/agent/main/session-host.js';
import { silentLogger } from '../../../src-main/shared/logger.js';
import { AnthropicTestServer, reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { gone, isAlive } from '../../helpers/processes.js';
import { baseConfig, EventLog, tempProject } from '../harness.js';
import { bundledWorkerUrl } from '../worker-bundle.js';

const limiter = new RateLimiter();

function workerIn(host: SessionHost, name: string, workerUrl?: URL): { worker: AgentWorker; log: EventLog } {
  const log = new EventLog();
  const worker = new AgentWorker({ limiter, logger: silentLogger(), name, spawn: host.spawn, ...(workerUrl ? { workerUrl } : {}) });
  worker.onEvent(log.push);
  return { worker, log };
}

test('a turn runs in a worker inside the session host, whose thread yields the CPU; the host leaves after its last worker', async (t) => {
  const server = await AnthropicTestServer.start();
  t.after(() => server.close());
  const root = await tempProject({ 'README.md': 'hello\n' });
  t.after(() => rm(root, { recursive: true, force: true }));
  const host = new SessionHost({ logger: silentLogger(), idleStopMs: 100 });
  t.after(() => host.stop());
  assert.equal(host.pid, undefined, 'no process before the first worker');

  server.enqueue(
    reply([toolUse('Read', { file_path: 'README.md' }), toolUse('Bash', { command: 'echo "parent=$PPID"' })]),
    reply([text('The README says hello.')]),
  );
  // The worker as shipped: from source, tsx would add a module-hooks thread to each worker.
  const { worker, log } = workerIn(host, 'one', await bundledWorkerUrl());
  const hostPid = host.pid;
  assert.ok(hostPid !== undefined && hostPid !== process.pid, 'the first worker started the host process');
  // Unsandboxed, so that $PPID is the process the command was started from.
  await worker.start(baseConfig(root, server.url, { permissionMode: 'bypassPermissions', sandbox: { enabled: false } }));
  worker.sendTurn('turn-1', [{ type: 'text', text: 'what does the README say?' }]);
  // Unsandboxed, a command asks: the owner allows it once.
  const asked = await log.waitFor('approval_request');
  worker.answerApproval(asked.approvalId, 'once');
  const end = await log.waitFor('turn_end', (e) => e.turnId === 'turn-1');
  assert.equal(end.reason, 'end_turn');
  assert.match(end.text, /says hello/);
  const bash = log.of('tool_result').find((r) => r.name === 'Bash');
  assert.match(JSON.stringify(bash), new RegExp(`parent=${hostPid}\\b`), 'the command was started from the session host');
  assert.ok(worker.threadId > 0, 'the host told the worker\'s thread id');

  if (process.platform === 'linux') {
    // The session's thread yields the CPU to the app, in the host as it did in the app.
    const threads = readdirSync(`/proc/${hostPid}/task`).map(Number);
    assert.ok(threads.some((tid) => getPriority(tid) === 10), 'the worker\'s thread runs at nice 10');
    assert.equal(getPriority(hostPid), 0, 'the relaying thread keeps its priority');
    assert.equal(getPriority(process.pid), 0, 'the app itself keeps its priority');
  }

  const exit = await worker.shutdown();
  assert.equal(exit.requested, true);
  assert.ok(await gone(hostPid, 10_000), 'the host left once its last worker ended');
  assert.equal(host.pid, undefined);

  // The next worker starts a new host.
  const again = workerIn(host, 'two');
  t.after(() => again.worker.terminate());
  assert.ok(host.pid !== undefined && host.pid !== hostPid);
  server.enqueue(reply([text('Back again.')]));
  await again.worker.start(baseConfig(root, server.url));
  again.worker.sendTurn('turn-2', [{ type: 'text', text: 'hi' }]);
  assert.match((await again.log.waitFor('turn_end')).text, /Back again/);
});

test('when the session host dies, every worker in it exits unasked with the reason', async (t) => {
  const server = await AnthropicTestServer.start();
  t.after(() => server.close());
  const root = await tempProject({});
  t.after(() => rm(root, { recursive: true, force: true }));
  const host = new SessionHost({ logger: silentLogger(), idleStopMs: 100 });
  t.after(() => host.stop());
  // Claude never answers: both workers are mid-turn when the host is killed.
  server.fallback = { kind: 'hang' };
  const a = workerIn(host, 'a');
  const b = workerIn(host, 'b');
  await Promise.all([a.worker.start(baseConfig(root, server.url)), b.worker.start(baseConfig(root, server.url, { sessionId: 'session-2' }))]);
  a.worker.sendTurn('turn-a', [{ type: 'text', text: 'go' }]);
  b.worker.sendTurn('turn-b', [{ type: 'text', text: 'go' }]);
  const hostPid = host.pid;
  assert.ok(hostPid);
  process.kill(hostPid, 'SIGKILL');
  const [exitA, exitB] = await Promise.all([a.worker.exited, b.worker.exited]);
  for (const exit of [exitA, exitB]) {
    assert.equal(exit.requested, false, 'a crash, not a stop');
    assert.match(exit.error?.message ?? '', /session host exited \(SIGKILL\)/);
  }
  assert.equal(a.worker.alive, false);
  assert.ok(!isAlive(hostPid));
  // A new worker gets a new host.
  const c = workerIn(host, 'c');
  t.after(() => c.worker.terminate());
  server.fallback = undefined;
  server.enqueue(reply([text('Fine again.')]));
  await c.worker.start(baseConfig(root, server.url, { sessionId: 'session-3' }));
  c.worker.sendTurn('turn-c', [{ type: 'text', text: 'hi' }]);
  assert.match((await c.log.waitFor('turn_end')).text, /Fine again/);
});
