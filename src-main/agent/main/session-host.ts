// The main-process side of the session host (agent/session-host/host-main.ts): a child process
// that holds the sessions' worker threads. With 50 busy sessions in the main process, its main
// thread waited on locks shared by the whole process (malloc arenas, V8's platform) held by
// threads working for the workers, and the event loop stalled for tens of milliseconds at a time
// (bench/sessions-lag.bench.ts). In a process of their own, they hold no lock the app's main
// thread needs; the sessions' threads still lower their own priority (agent/thread-priority.ts).
//
// `spawn` is a WorkerSpawner: AgentWorker talks to the returned port as to a Worker of its own.
// Light when idle: the process starts with the first worker and stops once the last one has
// ended and idleStopMs passed (the idle app has no session-host process). If the process dies,
// every worker it held reports an error and exits, which the sessions treat as a worker crash.
//
// Entry resolution follows the command host (command-host/launcher.ts): from source (tsx) it is
// ../session-host/host-main.ts run with tsx registered; in the esbuild bundle session-host.js
// beside the bundle (scripts/build.mjs); packaged, its copy in app.asar.unpacked.
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../shared/logger.js';
import { nodeForkHost, type ForkHost, type HostChild } from '../command-host/host-process.js';
import { FromSessionHostBatchSchema, type FromSessionHost, type ToSessionHost } from '../session-host/protocol.js';
import { realScriptPath } from '../unpacked-path.js';
import type { WorkerPort, WorkerSpawnOptions } from './worker-port.js';

/** A start slower than this is logged; the host is not killed for it (see HostRun). */
const SLOW_START_MS = 30_000;
const LEAVE_GRACE_MS = 2000;
/** Long enough for /restart (a worker ends, the next starts) not to restart the process too. */
export const DEFAULT_IDLE_STOP_MS = 2000;

export function defaultSessionHostUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../session-host/host-main.ts' : './session-host.js', import.meta.url);
}

export interface SessionHostOptions {
  readonly logger: Logger;
  readonly entryUrl?: URL;
  /** How to start the process (default: child_process.fork; Electron: utilityProcess.fork). */
  readonly fork?: ForkHost;
  /** How long the process stays after its last worker ended. */
  readonly idleStopMs?: number;
}

/** One worker inside the host, as AgentWorker sees it. */
class RemotePort implements WorkerPort {
  threadId = -1;
  private readonly messageListeners: Array<(message: unknown) => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];
  private readonly exitListeners: Array<(code: number) => void> = [];
  private exitCode: number | undefined;
  private readonly exited: Promise<number>;
  private resolveExit!: (code: number) => void;

  constructor(
    readonly id: number,
    private readonly run: HostRun,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  postMessage(message: unknown): void {
    if (this.exitCode === undefined) this.run.send({ t: 'post', id: this.id, data: message });
  }

  terminate(): Promise<number> {
    if (this.exitCode === undefined) this.run.send({ t: 'terminate', id: this.id });
    return this.exited;
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }

  message(data: unknown): void {
    if (this.exitCode !== undefined) return;
    for (const l of this.messageListeners) l(data);
  }

  error(error: Error): void {
    if (this.exitCode !== undefined) return;
    for (const l of this.errorListeners) l(error);
  }

  exit(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    for (const l of this.exitListeners) l(code);
    this.resolveExit(code);
  }
}

/** One session-host process and the workers it holds. */
class HostRun {
  readonly ports = new Map<number, RemotePort>();
  private ready = false;
  private queue: ToSessionHost[] = [];
  private done = false;
  private readonly readyTimer: NodeJS.Timeout;

  constructor(
    readonly child: HostChild,
    private readonly log: Logger,
    private readonly onGone: (run: HostRun) => void,
  ) {
    child.onStderr((text) => log.warn({ output: text.trim().slice(0, 500) }, 'session host wrote to stderr'));
    child.onMessage((raw) => this.receive(raw));
    child.onError((error) => log.error({ err: error }, 'session host failed'));
    child.onExit((code, signal) => this.gone(`The session host exited (${signal ?? `code ${code}`}).`));
    // Under heavy load a start can take long; killing the host then would crash every session
    // waiting in it twice in a row (they would stay crashed). A host that cannot run exits; one
    // that hangs is found by the sessions' health check, which pings every worker.
    this.readyTimer = setTimeout(() => log.warn({ pid: child.pid }, 'session host slow to start'), SLOW_START_MS);
    this.readyTimer.unref();
  }

  send(message: ToSessionHost): void {
    if (this.done) return;
    if (this.ready) this.child.post(message);
    else this.queue.push(message);
  }

  private receive(raw: unknown): void {
    const parsed = FromSessionHostBatchSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.error({ issue: parsed.error.issues[0]?.message }, 'malformed message from the session host');
      return;
    }
    for (const message of parsed.data) this.deliver(message);
  }

  private deliver(message: FromSessionHost): void {
    if (message.t === 'ready') {
      clearTimeout(this.readyTimer);
      this.ready = true;
      this.log.info({ pid: message.pid }, 'session host running');
      for (const queued of this.queue) this.child.post(queued);
      this.queue = [];
      return;
    }
    const port = this.ports.get(message.id);
    if (!port) return;
    switch (message.t) {
      case 'online':
        port.threadId = message.threadId;
        return;
      case 'message':
        port.message(message.data);
        return;
      case 'error': {
        const error = new Error(message.message);
        error.name = message.name;
        if (message.stack) error.stack = message.stack;
        port.error(error);
        return;
      }
      case 'exit':
        this.ports.delete(message.id);
        port.exit(message.code);
        this.onGone(this);
        return;
    }
  }

  /** The process is gone: every worker it held went with it. */
  private gone(why: string): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.readyTimer);
    const ports = [...this.ports.values()];
    this.ports.clear();
    if (ports.length > 0) this.log.warn({ workers: ports.length }, why);
    for (const port of ports) {
      port.error(new Error(why));
      port.exit(1);
    }
    this.onGone(this);
  }

  get exited(): boolean {
    return this.done;
  }

  /** Asks the process to leave (SIGKILL after a grace); resolves once it is gone. */
  async end(): Promise<void> {
    if (this.done || this.child.exited) return;
    const exited = new Promise<void>((resolve) => this.child.onExit(() => resolve()));
    this.child.requestExit();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), LEAVE_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

export class SessionHost {
  private run: HostRun | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly ending = new Set<Promise<void>>();
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly options: SessionHostOptions) {
    this.log = options.logger.child({ mod: 'session-host' });
  }

  /** The host process's pid while one runs (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.run?.child.pid;
  }

  /** Starts a worker in the host (starting the host first if none runs). */
  readonly spawn = (options: WorkerSpawnOptions): WorkerPort => {
    if (this.stopped) throw new Error('The session host is stopped.');
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const run = this.run && !this.run.exited ? this.run : this.launch();
    const port = new RemotePort(this.nextId++, run);
    run.ports.set(port.id, port);
    run.send({ t: 'spawn', id: port.id, entry: options.entry.href, name: options.name, resourceLimits: { ...options.resourceLimits } });
    return port;
  };

  /** Ends the host and every worker in it (after the sessions stopped theirs). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    const run = this.run;
    this.run = undefined;
    await Promise.all([run?.end(), ...this.ending]);
  }

  private launch(): HostRun {
    const entry = this.options.entryUrl ?? defaultSessionHostUrl();
    const child = (this.options.fork ?? nodeForkHost)(realScriptPath(fileURLToPath(entry)), {
      execArgv: entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      // The workers ran in the app's process before and see the same environment (the API key
      // reaches them in the start command; commands get it stripped, as before).
      env: stringEnv(process.env),
      serialization: 'advanced',
      serviceName: 'Signal Claude sessions',
    });
    const run = new HostRun(child, this.log, (r) => this.settled(r));
    this.run = run;
    return run;
  }

  /** A worker ended or the process died: with no workers left, stop the process after a while. */
  private settled(run: HostRun): void {
    if (run.exited) {
      if (this.run === run) this.run = undefined;
      return;
    }
    if (run !== this.run || run.ports.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.run !== run || run.ports.size > 0) return;
      this.run = undefined;
      this.log.info({ pid: run.child.pid }, 'no sessions left; stopping the session host');
      const ending = run.end();
      this.ending.add(ending);
      void ending.finally(() => this.ending.delete(ending));
    }, this.options.idleStopMs ?? DEFAULT_IDLE_STOP_MS);
    this.idleTimer.unref();
  }
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
