// The last guard of "down within 5 s whatever hangs", shared by the headless CLI and the desktop
// app's Quit: a stop that never settles is given up at the deadline, one that ends (or fails)
// is reported as such, and the deadline itself never keeps a process alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SHUTDOWN_DEADLINE_MS, stopWithin } from '../../src-main/host/shutdown-deadline.js';

test('the deadline is inside the 5-second promise', () => {
  assert.ok(SHUTDOWN_DEADLINE_MS < 5000);
});

test('a stop that never settles is given up at the deadline', async () => {
  // The app's own handles (its servers) keep its loop alive meanwhile; this interval stands in.
  const app = setInterval(() => undefined, 1000);
  try {
    let asked = 0;
    const outcome = await stopWithin(() => {
      asked += 1;
      return new Promise<void>(() => undefined);
    }, 50);
    assert.equal(outcome, 'deadline');
    assert.equal(asked, 1);
  } finally {
    clearInterval(app);
  }
});

test('a stop that ends is "stopped"; one that rejects or throws is "failed" (the caller exits anyway)', async () => {
  assert.equal(await stopWithin(async () => undefined, 60_000), 'stopped');
  assert.equal(await stopWithin(async () => Promise.reject(new Error('store busy')), 60_000), 'failed');
  assert.equal(await stopWithin(() => {
    throw new Error('sync');
  }, 60_000), 'failed');
});

test('a finished stop leaves no timer behind: the process ends at once, not after the deadline', () => {
  const module = fileURLToPath(new URL('../../src-main/host/shutdown-deadline.ts', import.meta.url));
  const code = `const { stopWithin } = await import(${JSON.stringify(module)}); console.log(await stopWithin(async () => undefined, 600000));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.stdout.trim(), 'stopped');
  assert.equal(run.status, 0, 'exited on its own, long before the 10-minute deadline');
});
