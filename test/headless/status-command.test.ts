// `signal-claude status` as a user runs it: whether a daemon runs is the lock's answer, and a
// running one reports its pid, dashboard and health.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon } from '../helpers/daemon-process.js';
import { tempDir } from '../helpers/temp.js';

test('status asks the lock, not the pid in the lock file', async (t) => {
  const dataDir = tempDir(t);
  // A stale file naming a live pid (this test runner) is not "running".
  writeFileSync(join(dataDir, 'daemon.lock'), JSON.stringify({ pid: process.pid, startedAt: new Date(0).toISOString(), port: 1, token: 'old' }));
  const none = await runCli(['status', '--data-dir', dataDir]);
  assert.equal(none.code, 3);
  assert.match(none.stdout, /is not running on/);
  const daemon = await startDaemon(t, ['--data-dir', dataDir]);
  const running = await runCli(['status', '--data-dir', dataDir]);
  assert.equal(running.code, 0, running.stderr);
  assert.match(running.stdout, new RegExp(`running \\(pid ${daemon.child.pid}\\)`));
  assert.match(running.stdout, /health: {4}(ok|degraded)/);
  await daemon.stop();
});
