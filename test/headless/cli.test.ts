// The headless daemon as a user runs it: start-up line, the token-guarded API, one clear line
// for every kind of bad input, and a prompt, complete stop on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusSchema, type Status } from '../../src-main/shared/api.js';
import { runCli, startDaemon } from '../helpers/daemon-process.js';
import { tempDir } from '../helpers/temp.js';
import { isAlive } from '../helpers/processes.js';
import { isRoot, NOBODY, openUpFor } from '../helpers/unprivileged.js';
import { spawnSync } from 'node:child_process';
import { CLI_ENTRY } from '../helpers/daemon-process.js';

/** Starts the command host with the app instead of with the first command. */
const HOST_AT_START = { SIGNAL_CLAUDE_COMMAND_HOST_IDLE_SEC: '0' };

test('starts, prints the dashboard URL and answers /api/status with the token', async (t) => {
  const dataDir = tempDir(t);
  // The command host from start-up on (by default it waits for the first command), so its end with the app is seen.
  const daemon = await startDaemon(t, ['--data-dir', dataDir, '--port', '0'], HOST_AT_START);
  assert.match(daemon.dashboardUrl, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  const res = await daemon.api('/api/status');
  assert.equal(res.status, 200);
  const status = StatusSchema.parse(await res.json());
  assert.ok(['unlinked', 'linking'].includes(status.signal.state), `not linked: ${status.signal.state}`);
  assert.equal(status.health.store.ok, true);
  assert.equal(status.app.headless, true);
  assert.deepEqual(await (await daemon.api('/api/sessions')).json(), { sessions: [] });
  // Bash commands start from the small command host, which ends with the app.
  const hostPid = await commandHostPid(daemon);

  const stopped = await daemon.stop();
  assert.equal(stopped.code, 0);
  assert.equal(isAlive(hostPid), false, 'the command host stopped with the app');
  assert.ok(stopped.ms < 5000, `SIGTERM to exit took ${stopped.ms} ms (contract: under 5 s)`);
  assert.equal(existsSync(join(dataDir, 'daemon.lock')), false, 'the lock is released');
});

test('the API refuses a missing or wrong token and a foreign Host header', async (t) => {
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t)]);
  const none = await fetch(`${daemon.base}/api/status`);
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'API_UNAUTHORIZED');
  const wrong = await fetch(`${daemon.base}/api/status`, { headers: { Authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
  // The page is the same static build for everyone (all data is behind the API): it loads
  // without a token, so a reload after it left the address bar works; a wrong token is refused.
  const page = await fetch(`${daemon.base}/`);
  assert.notEqual(page.status, 401, 'the page loads without the token');
  const wrongPage = await fetch(`${daemon.base}/?token=nope`);
  assert.equal(wrongPage.status, 401, 'a wrong token on the page is refused');
  const viaQuery = await fetch(`${daemon.base}/api/status?token=${daemon.token}`);
  assert.equal(viaQuery.status, 200);

  // DNS rebinding: a page on another name that resolves to 127.0.0.1 still sends its own Host.
  const rebinding = await rawRequest(daemon.port, 'evil.example', daemon.token);
  assert.match(rebinding, /^HTTP\/1\.1 403/);
  const localhost = await rawRequest(daemon.port, `localhost:${daemon.port}`, daemon.token);
  assert.match(localhost, /^HTTP\/1\.1 200/);
  // A target starting with "//" is a path here, not a URL naming another host.
  for (const target of ['//', '//api/status', '//evil.example/api/status', '/api/sessions/%E0%A4%A']) {
    assert.doesNotMatch(await rawRequest(daemon.port, `127.0.0.1:${daemon.port}`, daemon.token, target), /^HTTP\/1\.1 5\d\d (?!Service)/, target);
  }
  await daemon.stop();
});

test('SSE on /api/events starts with the current status', async (t) => {
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t)]);
  const controller = new AbortController();
  const res = await fetch(`${daemon.base}/api/events?token=${daemon.token}`, { signal: controller.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  const text = new TextDecoder().decode(value);
  assert.match(text, /^data: \{"type":"status"/);
  controller.abort();
  const stopped = await daemon.stop();
  assert.ok(stopped.ms < 5000, 'an open event stream does not hold up shutdown');
});

test('a second instance on the same data folder exits naming the running pid', async (t) => {
  const dataDir = tempDir(t);
  const first = await startDaemon(t, ['--data-dir', dataDir]);
  const second = await runCli(['--data-dir', dataDir]);
  assert.equal(second.code, 1);
  assert.equal(second.stderr.trim().split('\n').length, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`already running on .* \\(pid ${first.child.pid}\\)`));
  await first.stop();
});

test('killed with SIGKILL and started again at once: the new one starts; the data survives the restart', async (t) => {
  const dataDir = tempDir(t);
  const first = await startDaemon(t, ['--data-dir', dataDir], HOST_AT_START);
  const hostPid = await commandHostPid(first);
  await first.stop('SIGKILL');
  assert.equal(existsSync(join(dataDir, 'daemon.lock')), true);
  const second = await startDaemon(t, ['--data-dir', dataDir]);
  const status = StatusSchema.parse(await (await second.api('/api/status')).json());
  assert.equal(status.health.store.ok, true);
  // The command host notices its app is gone and leaves too (with whatever it was running).
  for (let i = 0; i < 60 && isAlive(hostPid); i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(isAlive(hostPid), false, 'no command host left behind');
  await second.stop();
});

test('bad input gives one clear line on stderr and a non-zero exit', async (t) => {
  const dataDir = tempDir(t);
  const cases: Array<{ name: string; args: string[]; env?: NodeJS.ProcessEnv; code: number; message: RegExp; setup?: () => void }> = [
    { name: 'unknown flag', args: ['--frobnicate'], code: 2, message: /Unknown option --frobnicate\. Run signal-claude --help/ },
    { name: 'flag without value', args: ['--port'], code: 2, message: /--port needs a value/ },
    { name: 'bad port flag', args: ['--data-dir', dataDir, '--port', 'eighty'], code: 2, message: /Invalid setting "port" from --port: .*got "eighty"/ },
    { name: 'bad env value', args: ['--data-dir', dataDir], env: { SIGNAL_CLAUDE_PERMISSION_MODE: 'yolo' }, code: 2, message: /"permissionMode" from environment variable SIGNAL_CLAUDE_PERMISSION_MODE: expected one of "default"/ },
    {
      name: 'broken preferences file',
      args: ['--data-dir', join(dataDir, 'p')],
      code: 2,
      message: /preferences file .*preferences\.json is not valid JSON/,
      setup: () => {
        mkdirSync(join(dataDir, 'p'));
        writeFileSync(join(dataDir, 'p', 'preferences.json'), '{ "port": ');
      },
    },
    {
      name: 'wrong type in preferences',
      args: ['--data-dir', join(dataDir, 'q')],
      code: 2,
      message: /Invalid setting "keepAwake" from preferences file .*preferences\.json/,
      setup: () => {
        mkdirSync(join(dataDir, 'q'));
        writeFileSync(join(dataDir, 'q', 'preferences.json'), '{ "keepAwake": "sometimes" }');
      },
    },
    { name: 'data dir under a file', args: ['--data-dir', join(dataDir, 'afile', 'x')], code: 1, message: /Cannot create the data folder .*afile\/x \(ENOTDIR\)/, setup: () => writeFileSync(join(dataDir, 'afile'), '') },
  ];
  for (const c of cases) {
    c.setup?.();
    const r = await runCli(c.args, c.env);
    assert.equal(r.code, c.code, `${c.name}: exit code (stderr: ${r.stderr})`);
    assert.match(r.stderr, c.message, c.name);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${c.name}: one line, got ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${c.name}: no stack trace`);
  }
});

test('a port in use is reported clearly', async (t) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const r = await runCli(['--data-dir', tempDir(t), '--port', String(port)]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use\\. Pick another with --port`));
});

test('a wrong database key is reported and the database is left alone', async (t) => {
  const dataDir = tempDir(t);
  const first = await startDaemon(t, ['--data-dir', dataDir]);
  await first.stop();
  writeFileSync(join(dataDir, 'db.key'), `${'00'.repeat(32)}\n`);
  const r = await runCli(['--data-dir', dataDir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /signal-claude\.db cannot be opened: its key is wrong or the file is damaged\. If you restored/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('a read-only data folder is reported, as an ordinary user', (t) => {
  const base = tempDir(t);
  openUpFor(base);
  const dir = join(base, 'ro');
  mkdirSync(dir, { mode: 0o555 });
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_ENTRY, '--data-dir', dir], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/tmp' },
    timeout: 30_000,
    ...(isRoot() ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`Cannot write to the data folder ${dir} \\(EACCES\\)`));
});

test('status and --help', async (t) => {
  const dataDir = tempDir(t);
  const notRunning = await runCli(['status', '--data-dir', dataDir]);
  assert.equal(notRunning.code, 3);
  assert.match(notRunning.stdout, /not running/);
  const daemon = await startDaemon(t, ['--data-dir', dataDir]);
  const running = await runCli(['status', '--data-dir', dataDir]);
  assert.equal(running.code, 0, running.stderr);
  assert.match(running.stdout, new RegExp(`running \\(pid ${daemon.child.pid}\\)`));
  assert.match(running.stdout, /signal: +(unlinked|linking)/);
  await daemon.stop();
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--data-dir DIR/);
});

test('by default no command host runs until a command needs it, and health does not count that as a problem', async (t) => {
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t)]);
  const status = StatusSchema.parse(await (await daemon.api('/api/status')).json());
  assert.equal(status.health.services.commands?.state, 'idle');
  assert.equal(status.health.problems.some((p) => p.code === 'command-host-down'), false);
  await daemon.stop();
});

/** The command host's pid, from /api/status once it runs (start-up does not wait for it). */
async function commandHostPid(daemon: { api: (path: string) => Promise<Response> }): Promise<number> {
  let commands: Status['health']['services'][string] | undefined;
  for (let i = 0; i < 100; i++, await new Promise((r) => setTimeout(r, 50))) {
    commands = StatusSchema.parse(await (await daemon.api('/api/status')).json()).health.services.commands;
    if (commands?.state !== 'starting') break;
  }
  assert.equal(commands?.state, 'running', 'Bash commands start from the command host');
  const pid = Number(/pid (\d+)/.exec(commands?.detail ?? '')?.[1]);
  assert.ok(pid > 0 && isAlive(pid), 'the command host runs');
  return pid;
}

function rawRequest(port: number, host: string, token: string, target = '/api/status'): Promise<string> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    }, reject);
  });
}
