// Bash: runs in the project folder, caps output, and on timeout or /stop kills the whole
// process group (children and grandchildren), promptly. The same cases run with commands
// started directly and through the command host (agent/command-host/), which the app uses.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempProject } from '../../harness.js';
import { gone } from '../../../helpers/processes.js';
import { spawnDirect, type CommandSpawner } from '../../../../src-main/agent/command-process.js';
import { CommandHost } from '../../../../src-main/agent/command-host/launcher.js';
import { HostSpawner } from '../../../../src-main/agent/command-host/client.js';
import { silentAgentLog } from '../../../../src-main/agent/worker/agent-log.js';
import { silentLogger } from '../../../../src-main/shared/logger.js';
import { call, textOf, toolContext } from './tool-context.js';

for (const via of ['directly', 'through the command host'] as const) describe(`Bash tool, commands started ${via}`, () => {
  let root: string;
  let host: CommandHost | undefined;
  let spawn: CommandSpawner = spawnDirect;
  before(async () => {
    root = await tempProject({ 'hello.txt': 'hi\n' });
    if (via === 'directly') return;
    host = new CommandHost({ logger: silentLogger() });
    await host.start();
    await host.whenStarted();
    const endpoint = host.endpoint();
    assert.ok(endpoint, 'the command host is running');
    spawn = new HostSpawner(endpoint, silentAgentLog).spawn;
  });
  after(async () => {
    await host?.stop();
    await rm(root, { recursive: true, force: true });
  });

  test('runs in the project folder and reports output and exit codes', async () => {
    const ctx = await toolContext(root, undefined, {}, spawn);
    const ok = await call(ctx, 'Bash', { command: 'pwd && cat hello.txt' });
    assert.equal(ok.isError, false);
    assert.equal(textOf(ok), `${ctx.root}\nhi`);
    const fail = await call(ctx, 'Bash', { command: 'echo oops >&2; exit 3' });
    assert.equal(fail.isError, true);
    assert.equal(textOf(fail), 'oops\n[exit code 3]');
  });

  test('does not pass the API key to commands', async () => {
    const ctx = await toolContext(root, undefined, {}, spawn);
    const r = await call(ctx, 'Bash', { command: 'echo "key=${ANTHROPIC_API_KEY:-none}"' });
    assert.equal(textOf(r), 'key=none');
  });

  test('long output is cut in the middle with a note', async () => {
    const ctx = await toolContext(root, undefined, { outputCapChars: 1000 }, spawn);
    const r = await call(ctx, 'Bash', { command: 'seq 1 20000' });
    const out = textOf(r);
    assert.ok(out.startsWith('1\n2\n3\n'));
    assert.ok(out.endsWith('19999\n20000'));
    assert.match(out, /\[\.\.\. \d+ characters of output truncated \.\.\.\]/);
    assert.ok(out.length < 1200);
  });

  test('a timeout kills the command and everything it started', async () => {
    const ctx = await toolContext(root, undefined, {}, spawn);
    const started = Date.now();
    const r = await call(ctx, 'Bash', { command: 'sleep 30 & echo $! > bg.pid; (sleep 30; echo never) & echo started; wait', timeout: 400 });
    assert.ok(Date.now() - started < 2000, 'returned promptly after the timeout');
    assert.equal(r.isError, true);
    assert.match(textOf(r), /^started\n\[Command timed out after 0 s and was killed\.\]$/);
    const bgPid = Number(await readFile(join(root, 'bg.pid'), 'utf8'));
    assert.ok(await gone(bgPid), 'background child was killed with the group');
    const leader = ctx.processes.find((p) => p.state === 'started')?.pid as number;
    assert.ok(await gone(leader));
    for (let i = 0; i < 40 && ctx.processes.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(ctx.processes.map((p) => p.state), ['started', 'ended'], 'the group is reported gone after the SIGKILL pass');
  });

  test('stop (abort) ends a running command within a second', async () => {
    const controller = new AbortController();
    const ctx = await toolContext(root, controller.signal, {}, spawn);
    const running = call(ctx, 'Bash', { command: 'echo $$ > leader.pid; sleep 30' });
    await new Promise((r) => setTimeout(r, 300));
    const stoppedAt = Date.now();
    controller.abort();
    const r = await running;
    assert.ok(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
    assert.match(textOf(r), /stopped by the owner/);
    assert.ok(await gone(Number(await readFile(join(root, 'leader.pid'), 'utf8'))));
  });

  test('a command that ignores SIGTERM is killed anyway', async () => {
    const ctx = await toolContext(root, undefined, {}, spawn);
    const r = await call(ctx, 'Bash', { command: "trap '' TERM; echo $$ > stubborn.pid; sleep 30", timeout: 300 });
    assert.match(textOf(r), /timed out/);
    assert.ok(await gone(Number(await readFile(join(root, 'stubborn.pid'), 'utf8'))));
  });

  test('background jobs end when the command finishes (nothing left behind)', async () => {
    const ctx = await toolContext(root, undefined, {}, spawn);
    const r = await call(ctx, 'Bash', { command: 'sleep 30 & echo $! > left.pid; echo done' });
    assert.equal(textOf(r), 'done');
    assert.ok(await gone(Number(await readFile(join(root, 'left.pid'), 'utf8'))));
  });
});
