// The supervisor test: the daemon installed with `signal-claude service install`, run the way
// its systemd unit says (test/helpers/unit-supervisor.ts applies the unit's own ExecStart=,
// Environment= and restart policy, as there is no systemd user manager here), linked to the
// phone on Signal's mock server, then killed with SIGKILL like a crash: it is back, reconnected
// and answering the phone within 15 s (issue 17), and a clean SIGTERM is not restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLock } from '../../../src-main/daemon/lock.js';
import { StatusSchema } from '../../../src-main/shared/api.js';
import { findAppRoot } from '../../../src-main/shared/app-info.js';
import { runCli } from '../../helpers/daemon-process.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { Phone } from '../../helpers/phone.js';
import { stubSupervisors } from '../../helpers/stub-supervisors.js';
import { tempDir } from '../../helpers/temp.js';
import { UnitSupervisor } from '../../helpers/unit-supervisor.js';

const BACK_WITHIN_MS = 15_000;

async function connectedPid(dataDir: string): Promise<number | undefined> {
  const lock = readLock(dataDir);
  if (lock?.port === undefined || lock.token === undefined) return undefined;
  const res = await fetch(`http://127.0.0.1:${lock.port}/api/status`, { headers: { Authorization: `Bearer ${lock.token}` } }).catch(() => undefined);
  if (res?.status !== 200) return undefined;
  const status = StatusSchema.parse(await res.json());
  return status.signal.state === 'connected' ? status.app.pid : undefined;
}

test('a daemon killed under its installed unit is back, reconnected and answering within 15 s', { timeout: 180_000 }, async (t) => {
  assert.ok(existsSync(join(findAppRoot(), 'dist', 'cli.js')), 'npm run build first (npm test does)');
  const mock = await startMockSignal(t);
  const home = tempDir(t, 'sc-home-');
  const dataDir = join(home, 'data');
  const stubs = stubSupervisors(t);
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), PATH: stubs.path };
  // The stand-in says systemd 255: RestartSec=2s, growing by RestartSteps= after repeated
  // failures; the first restart after a run waits RestartSec=, which the test supervisor applies.
  const installed = await runCli(['service', 'install', '--data-dir', dataDir, '--port', '0', '--signal-config', mock.configPath], env);
  assert.equal(installed.code, 0, installed.stderr);
  const unit = readFileSync(join(home, 'cfg', 'systemd', 'user', 'signal-claude.service'), 'utf8');

  const supervisor = new UnitSupervisor(unit, { HOME: home });
  t.after(() => supervisor.stop());
  supervisor.start();
  const linkLine = await supervisor.until(() => supervisor.output.find((l) => l.startsWith('Link URL: ')), 'the Link URL', 60_000);
  const device = await mock.completeLink(linkLine.slice('Link URL: '.length).trim());
  const phone = new Phone(mock, device);
  t.after(() => phone.stop());
  const first = await pollConnected(supervisor, dataDir, 60_000);

  const killedAt = Date.now();
  process.kill(first, 'SIGKILL');
  const second = await pollConnected(supervisor, dataDir, BACK_WITHIN_MS, first);
  const backMs = Date.now() - killedAt;
  console.log(`[supervised-restart] back and connected ${backMs} ms after SIGKILL (restart delay ${supervisor.restartMs} ms)`);
  assert.notEqual(second, first);
  assert.deepEqual(supervisor.exits.map((e) => [e.signal, e.restarted]), [['SIGKILL', true]]);

  // The owner writes; the restarted computer answers (linked still: no new Link URL).
  const asked = Date.now();
  await phone.say('/help');
  await phone.waitFor((m) => m.at >= asked && m.body.length > 0, 'an answer to /help from the restarted daemon');
  assert.equal(supervisor.output.filter((l) => l.startsWith('Link URL: ')).length, 1, 'no second linking');

  // A clean stop (SIGTERM, as at logout) exits 0, which Restart=on-failure leaves stopped.
  process.kill(second, 'SIGTERM');
  const exit = await supervisor.until(() => supervisor.exits[1], 'the exit after SIGTERM', 10_000);
  assert.deepEqual([exit.code, exit.restarted], [0, false]);
});

async function pollConnected(supervisor: UnitSupervisor, dataDir: string, timeoutMs: number, not?: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = await connectedPid(dataDir);
    if (pid !== undefined && pid !== not && pid === supervisor.pid) return pid;
    if (Date.now() > deadline) throw new Error(`not connected within ${timeoutMs} ms; output: ${supervisor.output.slice(-10).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
