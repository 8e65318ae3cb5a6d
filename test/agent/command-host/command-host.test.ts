// The command host: one small process that starts every session's Bash commands, so forking
// never copies the app's big process. What a user relies on: commands run the same way (see
// tools/bash.test.ts, which runs every Bash case through it too), nothing else on the computer
// can use it, nothing a session started outlives the session or the host, and a host that dies
// or cannot start never stops commands from running.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fork } from 'node:child_process';
import { getPriority } from 'node:os';
import { CommandHost, realScriptPath } from '../../../src-main/agent/command-host/launcher.js';
import { childHost, type ForkHost } from '../../../src-main/agent/command-host/host-process.js';
import { HOST_GONE, HostSpawner } from '../../../src-main/agent/command-host/client.js';
import { WORKER_NICE } from '../../../src-main/agent/thread-priority.js';
import { silentAgentLog } from '../../../src-main/agent/worker/agent-log.js';
import { silentLogger } from '../../../src-main/shared/logger.js';
import type { CommandEnd, CommandSpawner } from '../../../src-main/agent/command-process.js';
import { tempProject } from '../harness.js';
import { gone } from '../../helpers/processes.js';

let root: string;
before(async () => {
  root = await tempProject({});
});
after(() => rm(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startedHost(t: { after: (fn: () => Promise<void>) => void }): Promise<CommandHost> {
  const host = new CommandHost({ logger: silentLogger() });
  t.after(() => host.stop());
  await host.start();
  await host.whenStarted();
  assert.equal(host.health().state, 'running');
  return host;
}

interface Run {
  pid: Promise<number>;
  ended: Promise<CommandEnd & { output: string }>;
}

function run(spawn: CommandSpawner, command: string): Run {
  let output = '';
  let started!: (pid: number) => void;
  const pid = new Promise<number>((r) => (started = r));
  const ended = new Promise<CommandEnd & { output: string }>((resolve) =>
    spawn({ command, cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, { started, output: (text) => (output += text), ended: (end) => resolve({ ...end, output }) }),
  );
  return { pid, ended };
}

test('commands are forked by the host, not by the app, and report output and exit codes', async (t) => {
  const host = await startedHost(t);
  const spawner = new HostSpawner(host.endpoint()!, silentAgentLog);
  const result = await run(spawner.spawn, 'echo "parent $PPID"; echo oops >&2; exit 4').ended;
  assert.equal(result.exitCode, 4);
  assert.match(result.output, new RegExp(`^parent ${host.pid}\\n`));
  assert.notEqual(host.pid, process.pid);
  assert.match(result.output, /oops/);
});

test('commands run behind the app, at the sessions\' lower priority, while the app keeps its own', { skip: process.platform === 'win32' && 'no nice values on Windows' }, async (t) => {
  const host = await startedHost(t);
  const spawner = new HostSpawner(host.endpoint()!, silentAgentLog);
  const result = await run(spawner.spawn, 'nice').ended; // prints the niceness it runs at
  assert.equal(result.output.trim(), String(WORKER_NICE), 'a command yields the CPU to the app when they compete');
  assert.equal(getPriority(process.pid), 0, 'the app itself keeps its priority');
});

test('a command can be given input on stdin and its stderr is told apart from stdout, through the host and directly', async (t) => {
  const host = await startedHost(t);
  const spawner = new HostSpawner(host.endpoint()!, silentAgentLog);
  const { spawnDirect } = await import('../../../src-main/agent/command-process.js');
  for (const spawn of [spawner.spawn, spawnDirect]) {
    const result = await new Promise<{ out: string; err: string }>((resolve) => {
      let out = '';
      let err = '';
      spawn(
        { command: 'read line; echo "got $line"; echo "warned" >&2', cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdin: '{"hook_event_name":"Stop"}\n' },
        { started: () => undefined, output: (text, stderr) => (stderr ? (err += text) : (out += text)), ended: () => resolve({ out, err }) },
      );
    });
    assert.deepEqual(result, { out: 'got {"hook_event_name":"Stop"}\n', err: 'warned\n' });
  }
});

test('start-up does not wait for the host; a command before it listens runs directly, later ones through it', async (t) => {
  const host = new CommandHost({ logger: silentLogger() });
  t.after(() => host.stop());
  await host.start();
  assert.equal(host.health().state, 'starting');
  const spawner = new HostSpawner(host.endpoint()!, silentAgentLog);
  const early = await run(spawner.spawn, 'echo "parent $PPID"').ended;
  assert.equal(early.exitCode, 0);
  await host.whenStarted();
  const later = await run(spawner.spawn, 'echo "parent $PPID"').ended;
  assert.equal(later.output.trim(), `parent ${host.pid}`);
});

test('a connection without the token runs nothing', async (t) => {
  const host = await startedHost(t);
  const marker = join(root, 'intruder');
  const socket = connect(host.endpoint()!.socket);
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  socket.on('error', () => undefined);
  socket.write(`${JSON.stringify({ t: 'hello', token: 'x'.repeat(48) })}\n`);
  socket.write(`${JSON.stringify({ t: 'spawn', id: 1, command: `touch ${marker}`, cwd: root, env: {} })}\n`);
  await closed;
  await sleep(200);
  assert.equal(existsSync(marker), false, 'the command did not run');
});

test('when a worker goes away, the commands it started are killed', async (t) => {
  const host = await startedHost(t);
  const { socket, token } = host.endpoint()!;
  const conn = connect(socket);
  conn.setEncoding('utf8');
  conn.write(`${JSON.stringify({ t: 'hello', token })}\n`);
  conn.write(`${JSON.stringify({ t: 'spawn', id: 1, command: 'sleep 30 & echo $! > orphan.pid; wait', cwd: root, env: { PATH: process.env.PATH ?? '' } })}\n`);
  const pid = await new Promise<number>((resolve) => conn.on('data', (d: string) => /"t":"started".*"pid":(\d+)/.test(d) && resolve(Number(/"pid":(\d+)/.exec(d)![1]))));
  // The shell creates the file before it writes the pid into it: wait for the number itself
  // (an empty read would be pid 0, which names this test's own process group).
  let child = 0;
  for (let i = 0; i < 200 && !(child > 0); i++) {
    child = existsSync(join(root, 'orphan.pid')) ? Number((await readFile(join(root, 'orphan.pid'), 'utf8')).trim()) : 0;
    if (!(child > 0)) await sleep(25);
  }
  assert.ok(child > 0, 'the command wrote the pid of what it started');
  conn.destroy(); // what a worker's exit or crash looks like to the host
  assert.ok(await gone(pid), 'the command was killed');
  assert.ok(await gone(child), 'and what it started in the background');
});

test('a host that dies mid-command: the command ends with a clear note, the host comes back on the same address', async (t) => {
  const host = await startedHost(t);
  const endpoint = host.endpoint()!;
  const spawner = new HostSpawner(endpoint, silentAgentLog);
  const running = run(spawner.spawn, 'sleep 30');
  const pid = await running.pid;
  const firstHost = host.pid!;
  process.kill(firstHost, 'SIGKILL');
  const end = await running.ended;
  assert.equal(end.error, HOST_GONE);
  process.kill(-pid, 'SIGKILL'); // what bash.ts does with a command that ended (see tools/bash.test.ts)
  for (let i = 0; i < 100 && (host.pid === undefined || host.pid === firstHost); i++) await sleep(50);
  assert.ok(host.pid && host.pid !== firstHost, 'a new host runs');
  assert.deepEqual(host.endpoint(), endpoint, 'at the address workers already know');
  const again = await run(spawner.spawn, 'echo "parent $PPID"').ended;
  assert.equal(again.output.trim(), `parent ${host.pid}`);
});

test('stopping the host ends its commands and removes its socket folder', async () => {
  const host = new CommandHost({ logger: silentLogger() });
  await host.start();
  await host.whenStarted();
  const { socket } = host.endpoint()!;
  const running = run(new HostSpawner(host.endpoint()!, silentAgentLog).spawn, 'sleep 30');
  const pid = await running.pid;
  await host.stop();
  assert.ok(await gone(pid), 'the command was killed');
  assert.equal(existsSync(dirname(socket)), false);
  assert.equal(host.health().state, 'stopped');
  assert.equal(host.endpoint(), undefined);
});

test('a host that cannot start leaves commands running in the app, and says so', async (t) => {
  const host = new CommandHost({ logger: silentLogger(), entryUrl: new URL('file:///nonexistent/command-host.js') });
  t.after(() => host.stop());
  await host.start();
  await host.whenStarted();
  assert.equal(host.health().state, 'failed');
  assert.match(host.health().detail ?? '', /commands run in the app's process/);
  assert.equal(host.endpoint(), undefined);
  // A worker told of an address that does not answer runs the command itself.
  const spawner = new HostSpawner({ socket: join(root, 'no-such.sock'), token: 't'.repeat(32) }, silentAgentLog);
  const result = await run(spawner.spawn, 'echo "parent $PPID"').ended;
  assert.equal(result.exitCode, 0);
  assert.equal(result.output.trim(), `parent ${process.pid}`);
});

test('in a packaged app the host starts from its unpacked copy beside app.asar', () => {
  const app = join(root, 'Signal Claude', 'resources');
  const inAsar = join(app, 'app.asar', 'dist', 'command-host.js');
  assert.equal(realScriptPath(inAsar), inAsar, 'no unpacked copy: the path as it is');
  mkdirSync(join(app, 'app.asar.unpacked', 'dist'), { recursive: true });
  writeFileSync(join(app, 'app.asar.unpacked', 'dist', 'command-host.js'), '');
  assert.equal(realScriptPath(inAsar), join(app, 'app.asar.unpacked', 'dist', 'command-host.js'));
  const unpackedBuild = join(root, 'dist', 'command-host.js');
  assert.equal(realScriptPath(unpackedBuild), unpackedBuild, 'a build outside an asar is left alone');
});

test('the host can be started by another fork (Electron\'s utilityProcess) and leaves when asked over its port', async (t) => {
  const started: Array<Readonly<Record<string, string>>> = [];
  const messages: unknown[] = [];
  const exits: Array<[number | null, NodeJS.Signals | null]> = [];
  // Node's fork plus a process.parentPort shim, so the host takes its utility-process path: it
  // answers over the port and leaves on { leave: true } (as utility-host-process.ts asks), with
  // the IPC channel still open.
  const shim = new URL('./fixtures/parent-port-shim.mjs', import.meta.url).href;
  const viaPort: ForkHost = (script, options) => {
    started.push(options.env);
    const child = fork(script, [], { execArgv: [...options.execArgv, '--import', shim], env: { ...options.env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.on('message', (m) => messages.push(m));
    child.on('exit', (code, signal) => exits.push([code, signal]));
    return childHost(child, () => child.send({ leave: true }));
  };
  const host = new CommandHost({ logger: silentLogger(), fork: viaPort });
  t.after(() => host.stop());
  await host.start();
  await host.whenStarted();
  assert.equal(host.health().state, 'running', host.health().detail);
  assert.deepEqual(messages, [{ viaParentPort: { ready: true } }]);
  assert.equal(started[0]?.ELECTRON_RUN_AS_NODE, undefined, 'the launcher does not need RunAsNode');
  const pid = host.pid;
  assert.ok(pid);
  await host.stop();
  assert.ok(await gone(pid), 'the host left');
  assert.deepEqual(exits, [[0, null]], 'it left on request (exit 0), not by the SIGKILL fallback');
});
