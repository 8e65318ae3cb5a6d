// One daemon per data directory. The lock itself is a listening local socket, which the kernel
// closes the moment its process dies (crash, SIGKILL, power cut), zombie or not: the way
// Electron's single-instance lock works. On Linux it lives in the abstract namespace (no file
// to go stale), on Windows it is a named pipe, elsewhere a socket file in the data folder whose
// leftover from a dead process refuses connections and is replaced. Whoever answers on it is
// the running instance and says its pid. The lock file beside it (daemon.lock) is only
// information for `signal-claude status`: pid, start time and, once listening, port and token;
// a stale one (even naming a pid that is now another process) never blocks a start.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DaemonError, systemErrorCode } from '../shared/errors.js';

export const LOCK_FILE = 'daemon.lock';
const SOCKET_FILE = 'daemon.sock';
/** Unix socket paths longer than this do not fit in sockaddr_un on every platform. */
const MAX_SOCKET_PATH = 100;

export const LockInfoSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  port: z.number().int().optional(),
  token: z.string().optional(),
});
export type LockInfo = z.infer<typeof LockInfoSchema>;

const HolderSchema = z.object({ pid: z.number().int() });

export type LockKind = 'abstract' | 'pipe' | 'file';

export function defaultLockKind(platform: NodeJS.Platform = process.platform): LockKind {
  if (platform === 'linux') return 'abstract';
  return platform === 'win32' ? 'pipe' : 'file';
}

/** Where the lock of `dataDir` listens. */
export function lockAddress(dataDir: string, kind: LockKind = defaultLockKind()): string {
  let real = dataDir;
  try {
    real = realpathSync(dataDir);
  } catch {
    // Not there yet: the name only has to be the same for every instance asking.
  }
  const id = createHash('sha256').update(real).digest('hex').slice(0, 24);
  if (kind === 'abstract') return `\0signal-claude-${id}`;
  if (kind === 'pipe') return `\\\\.\\pipe\\signal-claude-${id}`;
  const inFolder = join(dataDir, SOCKET_FILE);
  return inFolder.length <= MAX_SOCKET_PATH ? inFolder : join(tmpdir(), `signal-claude-${id}.sock`);
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The pid of the instance holding the lock of `dataDir`, or undefined when none holds it. */
export async function lockHolder(dataDir: string, kind: LockKind = defaultLockKind()): Promise<{ pid: number | undefined } | undefined> {
  const answer = await ask(lockAddress(dataDir, kind));
  if (answer === 'free' || answer === 'dying') return undefined;
  return { pid: answer === 'silent' ? undefined : answer };
}

/**
 * Connects to a lock socket. The holder's pid; 'free' when nobody listens; 'dying' when the
 * connection closed without an answer (the kernel is closing a killed process's sockets: its
 * threads are still going down); 'silent' when it never answers (stopped, in a debugger),
 * which still holds the lock.
 */
function ask(address: string): Promise<number | 'free' | 'dying' | 'silent'> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let text = '';
    let connected = false;
    const done = (value: number | 'free' | 'dying' | 'silent') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(connected ? 'silent' : 'free'), 2000);
    socket.setEncoding('utf8');
    socket.on('connect', () => (connected = true));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      const parsed = HolderSchema.safeParse(safeJson(text));
      done(parsed.success ? parsed.data.pid : 'dying');
    });
    socket.on('error', () => done(connected ? 'dying' : 'free'));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function listen(address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end(JSON.stringify({ pid: process.pid })));
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      // The lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}

export interface AcquireOptions {
  readonly now?: Date;
  readonly kind?: LockKind;
}

export class DataDirLock {
  readonly path: string;
  private info: LockInfo;
  private server: Server | undefined;

  private constructor(path: string, info: LockInfo, server: Server) {
    this.path = path;
    this.info = info;
    this.server = server;
  }

  static async acquire(dataDir: string, options: AcquireOptions = {}): Promise<DataDirLock> {
    const kind = options.kind ?? defaultLockKind();
    const address = lockAddress(dataDir, kind);
    // A few rounds: a dying holder needs some milliseconds to let go.
    for (let attempt = 0; attempt < 40; attempt++) {
      let server: Server;
      try {
        server = await listen(address);
      } catch (error) {
        const code = systemErrorCode(error);
        if (code !== 'EADDRINUSE') {
          throw new DaemonError('DATA_DIR_UNWRITABLE', `Cannot take the lock of the data folder ${dataDir} (${code ?? 'error'}).`, {
            hint: 'Make it writable, or pass another one with --data-dir.',
          });
        }
        const holder = await ask(address);
        if (holder === 'dying') {
          await delay(50);
          continue;
        }
        if (holder !== 'free') {
          const pid = holder === 'silent' ? readLock(dataDir)?.pid : holder;
          throw new DaemonError('INSTANCE_RUNNING', `Signal Claude is already running on ${dataDir}${pid === undefined ? '' : ` (pid ${pid})`}.`, {
            hint: 'Stop it first, or use another --data-dir.',
          });
        }
        // Nobody listens: a socket file left by a dead process. Replace it.
        if (kind === 'file') rmSync(address, { force: true });
        continue;
      }
      const info: LockInfo = { pid: process.pid, startedAt: (options.now ?? new Date()).toISOString() };
      const lock = new DataDirLock(join(dataDir, LOCK_FILE), info, server);
      try {
        lock.write();
      } catch (error) {
        server.close();
        throw new DaemonError('DATA_DIR_UNWRITABLE', `Cannot write to the data folder ${dataDir} (${systemErrorCode(error) ?? 'error'}).`, {
          hint: 'Make it writable, or pass another one with --data-dir.',
        });
      }
      return lock;
    }
    throw new DaemonError('INSTANCE_RUNNING', `Cannot take the lock of ${dataDir}: another process keeps taking it.`);
  }

  /** Records where the running daemon listens (for `signal-claude status`). */
  update(extra: Pick<LockInfo, 'port' | 'token'>): void {
    if (!this.server) return;
    this.info = { ...this.info, ...extra };
    this.write();
  }

  release(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const current = readLock(join(this.path, '..'));
    if (current?.pid === process.pid) rmSync(this.path, { force: true });
    // Closing also removes a socket file; the kernel would drop the socket at exit anyway.
    server.close();
  }

  private write(): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.info), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
