// The built headless daemon (node dist/cli.js) as a user starts it: its start-up lines, its
// token-guarded API, a restart on the same data folder, and SIGTERM at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { unreachableSignalConfig } from '../../test/helpers/signal-config.js';
import { assertBuilt, DIST_CLI, ROOT } from './paths.js';

export interface BuiltDaemon {
  readonly child: ChildProcess;
  readonly dashboardUrl: string;
  readonly base: string;
  readonly token: string;
  readonly stdout: string[];
  readonly stderr: string[];
  api(path: string, init?: RequestInit): Promise<Response>;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the process is gone. */
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The daemon sees none of the developer's own SIGNAL_CLAUDE_* / ANTHROPIC_* settings. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SIGNAL_CLAUDE_') && !k.startsWith('ANTHROPIC_')) env[k] = v;
  return { ...env, ...extra };
}

export async function startBuiltDaemon(t: Pick<TestContext, 'after'>, args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuiltDaemon> {
  assertBuilt();
  const portArgs = args.includes('--port') ? [] : ['--port', '0'];
  // Tests never reach for Signal's production servers: without a --signal-config of their own
  // they get one on a closed loopback port.
  const signalArgs = args.includes('--signal-config') ? [] : ['--signal-config', await unreachableSignalConfig(t)];
  const child = spawn(process.execPath, [DIST_CLI, ...portArgs, ...signalArgs, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      stdout.push(line);
      for (const w of waiters) {
        if (!w.pattern.test(line)) continue;
        waiters.delete(w);
        w.resolve(line);
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  t.after(() => {
    if (!gone) child.kill('SIGKILL');
  });

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) => {
    const seen = stdout.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const waiter = {
        pattern,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms; stdout: ${stdout.join(' | ')}; stderr: ${stderr.join(' | ')}`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the daemon exited (${code}) before printing ${pattern}; stderr: ${stderr.join(' | ')}`));
      });
    });
  };

  const dashboardUrl = (await waitForLine(/^Dashboard: /)).slice('Dashboard: '.length);
  const url = new URL(dashboardUrl);
  const token = url.searchParams.get('token') ?? '';
  const base = url.origin;
  return {
    child,
    dashboardUrl,
    base,
    token,
    stdout,
    stderr,
    exited,
    waitForLine,
    api: (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } }),
    async stop(signal = 'SIGTERM') {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
