// The main-process side of the command host: starts the host process (see host-main.ts), hands
// workers its endpoint, restarts it if it dies, and stops it last. The endpoint (socket path and
// token) is fixed when the service starts, before the host is up: start-up does not wait for
// it, and a command that finds nobody listening yet (or while the host restarts) starts
// directly. If the host cannot run on this system endpoint() is undefined and every command does.
//
// Light when idle (idleStopMs): the host is not started with the app but by the first command
// (needed(), called before a Bash call is released to run, so the command still forks from the
// host), and stopped again once no command has run for the quiet period. Stopped so, it is
// 'idle', not down: the next command starts it again.
//
// Entry resolution follows agent-worker.ts: from source (tsx) the entry is ./host-main.ts, run
// with tsx registered; in the esbuild bundle it is command-host.js beside the bundle. How the
// process starts is injected (host-process.ts): child_process.fork in Node, Electron's
// utilityProcess.fork in the app (which works with the RunAsNode fuse off).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceHealth } from '../../shared/api.js';
import type { Logger } from '../../shared/logger.js';
import { realScriptPath } from '../unpacked-path.js';
import { nodeForkHost, type ForkHost, type HostChild } from './host-process.js';
import type { CommandHostEndpoint } from './protocol.js';

const READY_TIMEOUT_MS = 10_000;
const RESTART_DELAY_MS = 1000;
/** More unexpected exits than this within RESTART_WINDOW_MS: give up, commands run directly. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

export function defaultHostUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './host-main.ts' : './command-host.js', import.meta.url);
}

export interface CommandHostOptions {
  readonly logger: Logger;
  readonly entryUrl?: URL;
  /** How to start the host process (default: child_process.fork). */
  readonly fork?: ForkHost;
  /** Start with the first command and stop after this long without one (default: start with the app, never idle). */
  readonly idleStopMs?: number;
}

export class CommandHost {
  readonly name = 'commands';
  /** Without it commands start in the app's process: slower under load, but they run. */
  readonly optional = true;
  private child: HostChild | undefined;
  /** The host answered that it listens (until it exits). */
  private listening = false;
  /** Fixed for the daemon's life, so workers reconnect to a restarted host on their own. */
  private address: { dir: string; endpoint: CommandHostEndpoint } | undefined;
  private state: ServiceHealth['state'] = 'stopped';
  private detail: string | undefined;
  private readonly exits: number[] = [];
  private started: Promise<void> = Promise.resolve();
  private restartTimer: NodeJS.Timeout | undefined;
  /** Commands running now, of every worker (the host is never stopped for quiet under them). */
  private running = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** A host stopped for quiet, until it has exited (a new one must not take its socket before). */
  private sleeping: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly options: CommandHostOptions) {
    this.log = options.logger.child({ mod: 'commands' });
  }

  /** Where workers reach the host; undefined when it is stopped or cannot run. */
  endpoint(): CommandHostEndpoint | undefined {
    return this.state === 'starting' || this.state === 'running' || this.state === 'idle' ? this.address?.endpoint : undefined;
  }

  /**
   * A command is about to start. Idle, the host is started; the promise settles once it can take
   * the command (or cannot: the command then starts in the app). Undefined: nothing to wait for.
   */
  needed(): Promise<void> | undefined {
    this.quietFrom();
    if (this.state === 'idle') {
      this.state = 'starting';
      this.started = this.sleeping.then(() => this.boot());
      return this.started;
    }
    return this.state === 'starting' ? this.started : undefined;
  }

  /** A command started (in the host or, failing that, in the app). */
  commandStarted(): void {
    this.running += 1;
    this.quietFrom();
  }

  /** A command ended (or its worker went with it). */
  commandEnded(): void {
    this.running = Math.max(0, this.running - 1);
    this.quietFrom();
  }

  /** Settles once the host started or failed to (start() does not wait for it). */
  whenStarted(): Promise<void> {
    return this.started;
  }

  /** The host's pid while it runs (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.listening ? this.child?.pid : undefined;
  }

  async start(): Promise<void> {
    this.state = 'starting';
    const dir = mkdtempSync(join(tmpdir(), 'signal-claude-'));
    const socket = process.platform === 'win32' ? `\\\\.\\pipe\\signal-claude-${randomBytes(8).toString('hex')}` : join(dir, 'commands.sock');
    this.address = { dir, endpoint: { socket, token: randomBytes(24).toString('hex') } };
    if (this.options.idleStopMs !== undefined) {
      this.state = 'idle';
      return;
    }
    this.started = this.boot();
  }

  private boot(): Promise<void> {
    if (this.state !== 'starting') return Promise.resolve(); // stopped meanwhile
    return this.launch().then(
      () => {
        if (this.state !== 'starting') return;
        this.state = 'running';
        this.quietFrom();
      },
      (error: Error) => {
        if (this.state === 'starting') this.fail(`Could not start the command host (${error.message}); commands run in the app's process.`);
      },
    );
  }

  /** Lazy: (re)arms the stop after the quiet period, while the host runs and no command does. */
  private quietFrom(): void {
    const ms = this.options.idleStopMs;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (ms === undefined || this.state !== 'running' || this.running > 0) return;
    this.idleTimer = setTimeout(() => this.sleep(), ms);
    this.idleTimer.unref();
  }

  /** Stops the host for quiet; it stays 'idle' (not down) and the next command starts it. */
  private sleep(): void {
    if (this.state !== 'running' || this.running > 0) return;
    this.log.info({ pid: this.pid, quietMs: this.options.idleStopMs }, 'command host idle; stopping it until the next command');
    this.state = 'idle';
    clearTimeout(this.restartTimer);
    this.sleeping = this.endChild();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    clearTimeout(this.restartTimer);
    clearTimeout(this.idleTimer);
    await Promise.all([this.sleeping, this.endChild()]);
    this.removeDir();
    this.state = 'stopped';
  }

  /** Asks the running host to leave (SIGKILL after 2 s); resolves once it is gone. */
  private async endChild(): Promise<void> {
    const child = this.child;
    this.listening = false;
    this.child = undefined;
    if (!child || child.exited) return;
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    child.requestExit();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  health(): ServiceHealth {
    if (this.state === 'idle') return { state: 'idle', detail: 'not running: starts with the next command' };
    const detail = this.state === 'running' && this.pid !== undefined ? `command host pid ${this.pid}` : this.detail;
    return { state: this.state, ...(detail ? { detail } : {}) };
  }

  private launch(): Promise<void> {
    if (!this.address) return Promise.reject(new Error('not started'));
    const { socket, token } = this.address.endpoint;
    const entry = this.options.entryUrl ?? defaultHostUrl();
    const child = (this.options.fork ?? nodeForkHost)(realScriptPath(fileURLToPath(entry)), {
      execArgv: entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      // Only what Node needs: the host never sees the app's keys. Commands get the
      // environment each worker sends (secrets already removed).
      env: {
        ...pick(process.env, ['PATH', 'HOME', 'USERPROFILE', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP']),
        SIGNAL_CLAUDE_HOST_SOCKET: socket,
        SIGNAL_CLAUDE_HOST_TOKEN: token,
      },
    });
    this.child = child;
    child.onStderr((text) => this.log.warn({ output: text.trim().slice(0, 500) }, 'command host wrote to stderr'));
    child.onExit((code, signal) => this.exited(child, code, signal));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
      child.onceMessage(() => {
        clearTimeout(timer);
        this.listening = true;
        this.log.info({ pid: child.pid }, 'command host running');
        resolve();
      });
      child.onExit((code) => {
        clearTimeout(timer);
        reject(new Error(`it exited with code ${code}`));
      });
      child.onError((error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  private exited(child: HostChild, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return; // stopped on purpose, or an earlier host
    this.child = undefined;
    this.listening = false;
    if (this.state !== 'running') return; // a failed start reports itself; a stop is meant
    const now = Date.now();
    this.exits.push(now);
    while (this.exits.length > 0 && (this.exits[0] ?? now) < now - RESTART_WINDOW_MS) this.exits.shift();
    if (this.exits.length > MAX_RESTARTS) {
      this.fail(`The command host exited ${this.exits.length} times within a minute; commands run in the app's process.`);
      return;
    }
    this.log.warn({ code, signal }, 'command host exited; restarting it');
    this.restartTimer = setTimeout(() => {
      if (this.state !== 'running') return; // stopped, or gone idle, meanwhile
      this.launch().catch((error: Error) => {
        if (this.state === 'running') this.fail(`Could not restart the command host (${error.message}); commands run in the app's process.`);
      });
    }, RESTART_DELAY_MS);
  }

  private fail(detail: string): void {
    this.state = 'failed';
    this.detail = detail;
    this.listening = false;
    this.log.warn({}, detail);
  }

  private removeDir(): void {
    if (this.address) rmSync(this.address.dir, { recursive: true, force: true });
    this.address = undefined;
  }
}

/** In a packaged app the host is unpacked beside app.asar (electron-builder.yml): start that copy. */
export { realScriptPath };

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
