// Runs the real headless daemon as a child process (from source through tsx, or the build for
// e2e/helpers/daemon.ts) and reads its start-up lines, the way a user or script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { unreachableSignalConfig } from './signal-config.js';

export const CLI_ENTRY = fileURLToPath(new URL('../../src-main/headless/cli.ts', import.meta.url));

export interface DaemonProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
  readonly dashboardUrl: string;
  readonly base: string;
  /** Every stdout line so far. */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Waits for a stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Resolves with the exit code once the process is gone. */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export interface DaemonCommand {
  /** Node's arguments before the CLI's own: the source through tsx by default. */
  readonly node?: readonly string[];
  readonly cwd?: string;
}

const FROM_SOURCE: readonly string[] = ['--import', 'tsx', CLI_ENTRY];

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('SIGNAL_CLAUDE_') && !k.startsWith('ANTHROPIC_')) env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs the CLI to completion (for commands and start-up failures). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...FROM_SOURCE, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not exit within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts the daemon. Unless the test names a Signal server (--signal-config), it gets one on a
 * closed loopback port: tests never reach for Signal's production servers.
 */
export async function startDaemon(t: Pick<TestContext, 'after'>, givenArgs: string[], env: NodeJS.ProcessEnv = {}, command: DaemonCommand = {}): Promise<DaemonProcess> {
  const args = givenArgs.includes('--signal-config') ? givenArgs : [...givenArgs, '--signal-config', await unreachableSignalConfig(t)];
  const child = spawn(process.execPath, [...(command.node ?? FROM_SOURCE), ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], ...(command.cwd ? { cwd: command.cwd } : {}) });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let exited = false;
  const onLine = (line: string) => {
    stdout.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
  });
  child.stderr.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n').filter(Boolean)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    exited = true;
    resolve(code);
  }));
  t.after(() => {
    if (!exited) child.kill('SIGKILL');
  });

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) => {
    const seen = stdout.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout: ${stdout.join(' | ')}; stderr: ${stderr.join(' | ')}`)), timeoutMs);
      waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      void exit.then(() => setTimeout(() => reject(new Error(`daemon exited; stderr: ${stderr.join(' | ')}`)), 50));
    });
  };

  const line = await waitForLine(/^Dashboard: /);
  const dashboardUrl = line.slice('Dashboard: '.length);
  const url = new URL(dashboardUrl);
  const token = url.searchParams.get('token') ?? '';
  const base = `${url.protocol}//${url.host}`;
  return {
    child,
    port: Number(url.port),
    token,
    dashboardUrl,
    base,
    stdout,
    stderr,
    exited: exit,
    waitForLine,
    api: (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } }),
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (!exited) child.kill(signal);
      const code = await exit;
      return { code, ms: Date.now() - started };
    },
  };
}
