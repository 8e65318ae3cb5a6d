// The data-folder lock is a socket the kernel drops when its process dies: a second instance is
// refused while the first lives, and a start right after a crash (even while the dead process
// is an unreaped zombie) or over a stale lock file naming a reused pid goes ahead.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataDirLock, LOCK_FILE, lockAddress, lockHolder, readLock, type LockKind } from '../../src-main/daemon/lock.js';
import { DaemonError } from '../../src-main/shared/errors.js';
import { tempDir } from '../helpers/temp.js';

const HOLDER = fileURLToPath(new URL('./fixtures/lock-holder.ts', import.meta.url));
const KINDS: readonly LockKind[] = ['abstract', 'file'];

/**
 * Starts a lock holder whose parent never reaps it (a shell that became `sleep`), so once
 * killed it stays a zombie: its pid still "exists" for kill(pid, 0).
 */
async function zombieToBe(t: TestContext, dataDir: string, kind: LockKind): Promise<number> {
  const script = `"${process.execPath}" --import tsx "${HOLDER}" "${dataDir}" ${kind} & echo "PID $!"; exec sleep 120`;
  const shell = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => shell.kill('SIGKILL'));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    shell.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    shell.on('exit', () => reject(new Error(`holder exited: ${out}`)));
  });
  return Number(/PID (\d+)/.exec(out)?.[1]);
}

function processState(pid: number): string | undefined {
  try {
    return /\) (\w) /.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

for (const kind of KINDS) {
  test(`${kind} lock: a second instance is refused naming the holder\u2019s pid, and can start once it is released`, async (t) => {
    const dataDir = tempDir(t);
    const first = await DataDirLock.acquire(dataDir, { kind });
    t.after(() => first.release());
    assert.equal(readLock(dataDir)?.pid, process.pid);
    assert.deepEqual(await lockHolder(dataDir, kind), { pid: process.pid });
    await assert.rejects(DataDirLock.acquire(dataDir, { kind }), (error: unknown) => {
      assert.ok(error instanceof DaemonError);
      assert.equal(error.code, 'INSTANCE_RUNNING');
      assert.match(error.message, new RegExp(`already running on .* \\(pid ${process.pid}\\)`));
      return true;
    });
    first.release();
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'the information file goes with the lock');
    assert.equal(await lockHolder(dataDir, kind), undefined);
    const second = await DataDirLock.acquire(dataDir, { kind });
    second.release();
  });

  test(`${kind} lock: killed with SIGKILL and started again at once, while the dead one is still a zombie`, async (t) => {
    const dataDir = tempDir(t);
    const pid = await zombieToBe(t, dataDir, kind);
    assert.equal((await lockHolder(dataDir, kind))?.pid, pid);
    await assert.rejects(DataDirLock.acquire(dataDir, { kind }), /already running/);
    process.kill(pid, 'SIGKILL');
    while (processState(pid) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10));
    assert.doesNotThrow(() => process.kill(pid, 0), 'the zombie\u2019s pid still answers kill(pid, 0)');
    assert.equal(readLock(dataDir)?.pid, pid, 'its lock file is still there');
    const lock = await DataDirLock.acquire(dataDir, { kind });
    t.after(() => lock.release());
    assert.equal(readLock(dataDir)?.pid, process.pid);
  });

  test(`${kind} lock: a stale lock file naming a pid that is now another live process does not block`, async (t) => {
    const dataDir = tempDir(t);
    // After a reboot the recorded pid may belong to anything, here this test's parent.
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startedAt: new Date(0).toISOString(), port: 1, token: 'old' }));
    assert.equal(await lockHolder(dataDir, kind), undefined, 'nobody holds it');
    const lock = await DataDirLock.acquire(dataDir, { kind });
    t.after(() => lock.release());
    assert.deepEqual(readLock(dataDir)?.pid, process.pid);
  });
}

test('a socket path too long for the platform moves out of the data folder', (t) => {
  const short = tempDir(t);
  assert.equal(lockAddress(short, 'file'), join(short, 'daemon.sock'));
  const long = join(short, 'x'.repeat(120));
  assert.match(lockAddress(long, 'file'), /signal-claude-[0-9a-f]{24}\.sock$/);
  assert.ok(lockAddress(long, 'file').length < 100);
  assert.match(lockAddress(short, 'abstract'), /^\0signal-claude-[0-9a-f]{24}$/);
  assert.match(lockAddress(short, 'pipe'), /^\\\\\.\\pipe\\signal-claude-/);
});
