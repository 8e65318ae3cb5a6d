// `signal-claude service install|uninstall|status` as a user runs it, under a temporary HOME and
// XDG_CONFIG_HOME, with stand-ins for systemctl/launchctl first on PATH (test/helpers/
// stub-supervisors.ts): which file appears where, what the supervisor is asked, what the owner
// reads, and that nothing is lost or left half-done when the supervisor or a running daemon
// stands in the way. The Linux path runs the CLI's main() in this process (the spawned CLI is
// covered by the exit-code test and the supervisor test); the macOS path runs the same command
// with the platform set to darwin (the code under test is the same).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon } from '../../helpers/daemon-process.js';
import { stubSupervisors } from '../../helpers/stub-supervisors.js';
import { tempDir } from '../../helpers/temp.js';
import { splitWords, unitValue } from '../../../src-main/headless/service/systemd-unit.js';
import { runServiceCommand } from '../../../src-main/headless/service/service-command.js';
import { processServiceHost } from '../../../src-main/headless/service/supervisors.js';
import { parseLaunchdPlist } from '../../../src-main/headless/service/launchd-plist.js';
import { findAppRoot } from '../../../src-main/shared/app-info.js';
import { main } from '../../../src-main/headless/main.js';

const ENTRY = join(findAppRoot(), 'dist', 'cli.js');

/** The CLI as `signal-claude ARGS` runs it, with this environment only. */
async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTerminal: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function linuxWorld(t: Parameters<typeof tempDir>[0]) {
  const home = tempDir(t, 'sc-home-');
  const stubs = stubSupervisors(t);
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), PATH: stubs.path, USER: 'owner' };
  return { home, stubs, env, unitFile: join(home, 'cfg', 'systemd', 'user', 'signal-claude.service'), dataDir: join(home, 'data') };
}

test('Linux: install writes the user unit with the given options, enables and starts it; status and uninstall follow it', async (t) => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: npm run build first (npm test does)`);
  const { stubs, env, unitFile, dataDir } = linuxWorld(t);
  const installed = await cli(['service', 'install', '--data-dir', dataDir, '--port', '4711'], env);
  assert.equal(installed.code, 0, installed.stderr);
  assert.match(installed.stdout, new RegExp(`Installed the systemd user unit ${unitFile}`));
  assert.match(installed.stdout, /journalctl --user -u signal-claude\.service/);
  assert.match(installed.stdout, /loginctl enable-linger owner/);
  const unit = readFileSync(unitFile, 'utf8');
  assert.deepEqual(splitWords(unitValue(unit, 'ExecStart') ?? '', 'exec'), [process.execPath, ENTRY, '--data-dir', dataDir, '--port', '4711']);
  assert.equal(unitValue(unit, 'RestartSteps'), '7', 'the stand-in says systemd 255: growing restart delays');
  assert.ok(stubs.calls().includes('systemctl --version'), 'asked which systemd it is');
  assert.deepEqual(stubs.calls().slice(-3), ['systemctl --user daemon-reload', 'systemctl --user enable signal-claude.service', 'systemctl --user restart signal-claude.service']);

  // status reads the data folder from the unit (no --data-dir needed) and asks the lock.
  const idle = await cli(['service', 'status'], env);
  assert.equal(idle.code, 3, 'installed, but no daemon runs on the folder yet');
  assert.match(idle.stdout, /Service: installed \(systemd user unit /);
  assert.match(idle.stdout, /supervisor: enabled, active/);
  assert.match(idle.stdout, new RegExp(`daemon:\\s+not running on ${dataDir}`));
  const daemon = await startDaemon(t, ['--data-dir', dataDir, '--port', '0']);
  const running = await cli(['service', 'status'], env);
  assert.equal(running.code, 0, running.stdout);
  assert.match(running.stdout, new RegExp(`daemon:\\s+running \\(pid ${daemon.child.pid}\\) on ${dataDir}`));
  await daemon.stop();

  const removed = await cli(['service', 'uninstall'], env);
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, /no longer starts at login\. Your data folder is untouched\./);
  assert.equal(existsSync(unitFile), false);
  assert.deepEqual(stubs.calls().slice(-2), ['systemctl --user disable --now signal-claude.service', 'systemctl --user daemon-reload']);
  const after = await cli(['service', 'status'], env);
  assert.equal(after.code, 3);
  assert.match(after.stdout, /Service: not installed/);
  const again = await cli(['service', 'uninstall'], env);
  assert.equal(again.code, 0, 'uninstalling twice is not an error');
  assert.match(again.stdout, /No Signal Claude service is installed/);
});

test('Linux without a user manager: the unit is written, the refusal quoted, and the way to start it by hand given', async (t) => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: npm run build first (npm test does)`);
  const { stubs, env, unitFile, dataDir } = linuxWorld(t);
  stubs.noUserManager();
  const installed = await cli(['service', 'install', '--data-dir', dataDir], env);
  assert.equal(installed.code, 1);
  assert.match(installed.stderr, /the file is written, but `systemctl --user daemon-reload` said: Failed to connect to bus: No medium found/);
  assert.match(installed.stderr, /systemctl --user daemon-reload && systemctl --user enable --now signal-claude\.service/);
  assert.equal(unitValue(readFileSync(unitFile, 'utf8'), 'RestartSec'), '5s', 'systemd did not say its version: keys every version knows');
  const status = await cli(['service', 'status'], env);
  assert.equal(status.code, 3);
  assert.match(status.stdout, /supervisor: systemctl --user did not answer: Failed to connect to bus/);
  // Uninstall cannot ask the supervisor either, and still may remove a unit nobody runs.
  const removed = await cli(['service', 'uninstall'], env);
  assert.equal(removed.code, 1, 'a unit the supervisor may still run is kept');
  assert.equal(existsSync(unitFile), true);
});

test('install refuses while a daemon started by hand runs on the same folder, and writes nothing', async (t) => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: npm run build first (npm test does)`);
  const { stubs, env, unitFile, dataDir } = linuxWorld(t);
  const daemon = await startDaemon(t, ['--data-dir', dataDir, '--port', '0']);
  const installed = await cli(['service', 'install', '--data-dir', dataDir], env);
  assert.equal(installed.code, 1);
  assert.match(installed.stderr, new RegExp(`already runs on ${dataDir} \\(pid ${daemon.child.pid}\\), not as a service\\. Stop it first`));
  assert.equal(existsSync(unitFile), false);
  assert.equal(stubs.calls().some((c) => / (enable|restart) /.test(c)), false);
  await daemon.stop();
});

test('bad service commands get one clear line and exit 2', async () => {
  const none = await runCli(['service']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /The service command needs an action\. .*Actions: install, uninstall, status/);
  const wrong = await runCli(['service', 'start']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /Unknown service action "start"/);
});

test('macOS: install writes the launchd agent and bootstraps it in the GUI domain; status and uninstall follow it', async (t) => {
  const home = tempDir(t, 'sc-home-');
  const stubs = stubSupervisors(t);
  const entry = join(home, 'cli.js');
  writeFileSync(entry, '');
  const out: string[] = [];
  const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => out.push(`ERR ${l}`), isTerminal: false };
  const host = processServiceHost(home, { HOME: home, PATH: stubs.path }, 'darwin');
  const run = (action: 'install' | 'uninstall' | 'status') => runServiceCommand({ action, dataDir: join(home, 'data'), flags: { model: 'claude-x' }, entry, node: '/usr/local/bin/node', host, io });
  const agentFile = join(home, 'Library', 'LaunchAgents', 'org.signal-claude.daemon.plist');

  assert.equal(await run('install'), 0, out.join('\n'));
  const agent = parseLaunchdPlist(readFileSync(agentFile, 'utf8'));
  assert.deepEqual(agent.ProgramArguments, ['/usr/local/bin/node', entry, '--data-dir', join(home, 'data'), '--model', 'claude-x']);
  assert.equal(existsSync(join(home, 'Library', 'Logs', 'Signal Claude')), true, 'the log folder launchd writes to exists');
  assert.deepEqual(stubs.calls().slice(-2), [`launchctl bootout gui/${host.uid}/org.signal-claude.daemon`, `launchctl bootstrap gui/${host.uid} ${agentFile}`]);
  assert.equal(await run('install'), 0, 'installing again replaces the loaded agent');

  out.length = 0;
  assert.equal(await run('status'), 3, 'launchd runs it (the stand-in says pid 4242) but no daemon holds the folder');
  assert.match(out.join('\n'), /supervisor: loaded, running \(pid 4242\)/);
  assert.match(out.join('\n'), /Library\/Logs\/Signal Claude\/daemon\.log \(Console\.app/);

  out.length = 0;
  assert.equal(await run('uninstall'), 0, out.join('\n'));
  assert.equal(existsSync(agentFile), false);
  assert.equal(stubs.calls().at(-1), `launchctl bootout gui/${host.uid}/org.signal-claude.daemon`);
});

test('on another system the service command says what to use instead', async (t) => {
  const out: string[] = [];
  const code = await runServiceCommand({
    action: 'install', dataDir: '/d', flags: {}, entry: '/e', node: '/n',
    host: processServiceHost(tempDir(t), {}, 'win32'),
    io: { stdout: (l) => out.push(l), stderr: (l) => out.push(l), isTerminal: false },
  });
  assert.equal(code, 2);
  assert.match(out.join('\n'), /Open at login/);
});
