// One daemon per data directory. The lock file holds the owner's pid (and, once listening, its
// port and token so `signal-claude status` can ask it). A lock left by a dead process is taken
// over; a live owner makes the second instance exit with a message naming its pid.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DaemonError, systemErrorCode } from '../shared/errors.js';

export const LOCK_FILE = 'daemon.lock';

export const LockInfoSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  port: z.number().int().optional(),
  token: z.string().optional(),
});
export type LockInfo = z.infer<typeof LockInfoSchema>;

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return systemErrorCode(error) === 'EPERM';
  }
}

export class DataDirLock {
  readonly path: string;
  private info: LockInfo;
  private held = false;

  private constructor(path: string, info: LockInfo) {
    this.path = path;
    this.info = info;
  }

  static acquire(dataDir: string, now: Date = new Date()): DataDirLock {
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, startedAt: now.toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        const lock = new DataDirLock(path, info);
        lock.held = true;
        return lock;
      } catch (error) {
        const code = systemErrorCode(error);
        if (code !== 'EEXIST') {
          throw new DaemonError('DATA_DIR_UNWRITABLE', `Cannot write to the data folder ${dataDir} (${code ?? 'error'}).`, {
            hint: 'Make it writable, or pass another one with --data-dir.',
          });
        }
      }
      const owner = readLock(dataDir);
      if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid)) {
        throw new DaemonError('INSTANCE_RUNNING', `Signal Claude is already running on ${dataDir} (pid ${owner.pid}).`, {
          hint: 'Stop it first, or use another --data-dir.',
        });
      }
      // The owner is gone (crash, SIGKILL) or the file is unreadable: take the lock over.
      rmSync(path, { force: true });
    }
    throw new DaemonError('INSTANCE_RUNNING', `Cannot take the lock ${path}: another process keeps recreating it.`);
  }

  /** Records where the running daemon listens (for `signal-claude status`). */
  update(extra: Pick<LockInfo, 'port' | 'token'>): void {
    if (!this.held) return;
    this.info = { ...this.info, ...extra };
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.info), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    const current = readLock(join(this.path, '..'));
    if (current?.pid === process.pid) rmSync(this.path, { force: true });
  }
}
