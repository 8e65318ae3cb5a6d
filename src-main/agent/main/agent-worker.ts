// The main-process handle of one agent worker thread: spawns it, sends typed commands, parses
// its events with zod, answers its permit requests from the shared RateLimiter, writes its log
// lines to the injected logger, and kills the process groups its commands left behind if the
// worker dies or is terminated.
//
// Worker entry resolution: the entry is ../worker/worker.ts. Run from source (tsx), this URL ends
// in .ts and the entry is ../worker/worker.ts; in the esbuild bundle every entry is flat in dist/
// (dist/cli.js, dist/main.js, dist/worker.js), this code is inlined into one of them and the
// entry is ./worker.js beside it. So the build must emit src-main/agent/worker/worker.ts as
// dist/worker.js. From source, Node 20 does not apply the parent's `--import tsx` hooks inside
// worker threads, so a .ts entry is started through a one-line bootstrap that registers tsx
// in the worker first (the bundle never takes that path). In a packaged app the bundle is
// started from app.asar.unpacked (unpacked-path.ts), with its packages bundled in.
import type { ResourceLimits } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import type { PermissionMode } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { UserBlock } from '../content.js';
import type { PermitSource } from '../permits.js';
import {
  INTERNAL_EVENT_TYPES,
  WorkerEventSchema,
  type AgentConfig,
  type AgentEvent,
  type ApprovalDecision,
  type WorkerCommand,
  type WorkerEvent,
  type WorkerEventOf,
} from '../protocol.js';
import { killProcessGroup } from '../command-process.js';
import { realScriptUrl } from '../unpacked-path.js';
import type { Step } from '../transcript.js';
import { inProcessWorker, type WorkerPort, type WorkerSpawner } from './worker-port.js';

export function defaultWorkerUrl(): URL {
  // Packaged, dist/worker.js is unpacked beside app.asar: a worker thread cannot read inside it.
  return realScriptUrl(new URL(import.meta.url.endsWith('.ts') ? '../worker/worker.ts' : './worker.js', import.meta.url));
}

/** The URL to give `new Worker`: the entry itself, or for a .ts entry a tsx bootstrap. */
export function workerEntry(url: URL): URL {
  if (!url.pathname.endsWith('.ts')) return url;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(url.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * A smaller young generation than V8's default (16 MB semi-spaces) keeps a streaming worker's
 * RSS about 7 MB lower for a little more frequent scavenging (bench/agent-memory.bench.ts).
 */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };

export interface AgentWorkerOptions {
  /** The one RateLimiter of the process (shared by all workers). */
  readonly limiter: PermitSource;
  readonly logger: Logger;
  /** V8 heap limits for the worker, over DEFAULT_RESOURCE_LIMITS (e.g. { maxOldGenerationSizeMb: 256 }). */
  readonly resourceLimits?: ResourceLimits;
  readonly workerUrl?: URL;
  /** A name for logs. */
  readonly name?: string;
  /** The command host, told of every command (a host idle between commands starts for the next). */
  readonly commands?: CommandActivity;
  /** Where the thread runs (default: in this process; the daemon uses the session host). */
  readonly spawn?: WorkerSpawner;
}

/** What the command host hears of a worker's commands (CommandHost implements it). */
export interface CommandActivity {
  /** A Bash call is about to run; a promise: release it once this settles. */
  needed(): Promise<void> | undefined;
  commandStarted(): void;
  commandEnded(): void;
}

export interface WorkerExit {
  readonly code: number;
  /** Set when the worker died of an uncaught error (including running out of memory). */
  readonly error?: Error;
  /** True when terminate()/shutdown() asked for it. */
  readonly requested: boolean;
}

export interface PingResult {
  readonly rttMs: number;
  readonly busy: boolean;
  readonly heapUsed: number;
}

export class AgentWorker {
  private readonly worker: WorkerPort;
  private readonly listeners = new Set<(event: AgentEvent) => void>();
  private readonly exitListeners = new Set<(exit: WorkerExit) => void>();
  private readonly permits = new Map<number, AbortController>();
  private readonly processes = new Set<number>();
  /** Tool releases waiting behind a command host that is starting (in order). */
  private held: Promise<unknown> | undefined;
  private readonly pings = new Map<number, (pong: WorkerEventOf<'pong'>) => void>();
  private nextNonce = 1;
  private exitInfo: WorkerExit | undefined;
  private exitRequested = false;
  private lastError: Error | undefined;
  private readonly log: Logger;
  readonly exited: Promise<WorkerExit>;

  /**
   * Process groups of the commands this worker started that have not ended: killed if it dies.
   * A command is known here once the worker's report of it arrived; one started in the instant
   * before the worker died is not (only the in-worker fallback: the command host ends the
   * commands of a worker whose connection closed).
   */
  get runningCommands(): readonly number[] {
    return [...this.processes];
  }

  constructor(private readonly options: AgentWorkerOptions) {
    this.log = options.logger.child({ mod: 'agent', worker: options.name });
    this.worker = (options.spawn ?? inProcessWorker)({
      entry: workerEntry(options.workerUrl ?? defaultWorkerUrl()),
      resourceLimits: { ...DEFAULT_RESOURCE_LIMITS, ...options.resourceLimits },
      name: options.name ?? 'agent',
    });
    this.worker.onMessage((raw: unknown) => this.receive(raw));
    this.worker.onError((error) => {
      this.lastError = error;
      this.log.error({ err: error }, 'agent worker failed');
    });
    this.exited = new Promise((resolve) => {
      this.worker.onExit((code) => {
        this.cleanUp();
        this.exitInfo = { code, requested: this.exitRequested, ...(this.lastError ? { error: this.lastError } : {}) };
        for (const l of this.exitListeners) l(this.exitInfo);
        resolve(this.exitInfo);
      });
    });
  }

  get threadId(): number {
    return this.worker.threadId;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** Subscribes to the session's events; returns the unsubscribe function. */
  onEvent(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  private post(command: WorkerCommand): void {
    if (!this.alive) throw new AppError('AGENT_WORKER', 'The agent worker is not running.');
    this.worker.postMessage(command);
  }

  /**
   * Starts the session (resuming from `transcript`, the persisted steps in order). Resolves
   * with the ready event; rejects if the worker reports a start error or exits first.
   */
  start(config: AgentConfig, transcript: readonly Step[] = [], continueInterrupted = true): Promise<WorkerEventOf<'ready'>> {
    return new Promise((resolve, reject) => {
      const off = this.onEvent((event) => {
        if (event.type === 'ready') {
          cleanup();
          resolve(event);
        } else if (event.type === 'error' && !event.turnId) {
          cleanup();
          reject(new AppError('AGENT_WORKER', event.message));
        }
      });
      const offExit = this.onExit((exit) => {
        cleanup();
        reject(new AppError('AGENT_WORKER', `The agent worker exited while starting (code ${exit.code}).`, { cause: exit.error }));
      });
      const cleanup = (): void => {
        off();
        offExit();
      };
      this.post({ type: 'start', config: { ...config, sessionAllowRules: config.sessionAllowRules ?? [] }, transcript: [...transcript], continueInterrupted });
    });
  }

  sendTurn(turnId: string, content: UserBlock[]): void {
    this.post({ type: 'user_turn', turnId, content });
  }

  /** The owner's /compact: summarize the conversation now (queued behind a running turn). */
  sendCompaction(turnId: string, instructions: string | undefined): void {
    this.post({ type: 'compact', turnId, ...(instructions ? { instructions } : {}) });
  }

  answerApproval(approvalId: string, decision: ApprovalDecision, reason?: string): void {
    this.post({ type: 'approval_answer', approvalId, decision, ...(reason ? { reason } : {}) });
  }

  /** Cancels the running turn within a second (mid-stream or mid-tool). */
  stop(): void {
    this.post({ type: 'stop' });
  }

  setMode(mode: PermissionMode): void {
    this.post({ type: 'set_mode', mode });
  }

  /** Whether the session's sandboxed commands may use the network from now on. */
  setNetwork(network: boolean): void {
    this.post({ type: 'set_network', network });
  }

  /** The owner changed the Anthropic key: the session's next request uses the new one ('': removed, none is sent). */
  setApiKey(apiKey: string): void {
    this.post({ type: 'set_api_key', apiKey });
  }

  /** Health check: resolves with the round trip, rejects when no answer comes in `timeoutMs`. */
  ping(timeoutMs = 5000): Promise<PingResult> {
    const nonce = this.nextNonce++;
    const sent = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(nonce);
        reject(new AppError('AGENT_WORKER', `The agent worker did not answer a health check within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pings.set(nonce, (pong) => {
        clearTimeout(timer);
        resolve({ rttMs: performance.now() - sent, busy: pong.busy, heapUsed: pong.heapUsed });
      });
      try {
        this.post({ type: 'ping', nonce });
      } catch (error) {
        clearTimeout(timer);
        this.pings.delete(nonce);
        reject(error);
      }
    });
  }

  /** Stops the turn, lets the worker finish its last steps, then ends it (terminated after `timeoutMs`). */
  async shutdown(timeoutMs = 3000): Promise<WorkerExit> {
    if (!this.alive) return this.exitInfo as WorkerExit;
    this.exitRequested = true;
    this.post({ type: 'shutdown' });
    const timer = setTimeout(() => void this.worker.terminate(), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Ends the worker at once (what a crash looks like to the session, minus the error). */
  async terminate(): Promise<WorkerExit> {
    this.exitRequested = true;
    await this.worker.terminate();
    return this.exited;
  }

  private receive(raw: unknown): void {
    const parsed = WorkerEventSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.error({ issue: parsed.error.issues[0]?.message }, 'malformed event from agent worker');
      return;
    }
    const event: WorkerEvent = parsed.data;
    switch (event.type) {
      case 'permit_request': {
        const controller = new AbortController();
        this.permits.set(event.requestId, controller);
        this.options.limiter.acquire(event.estimatedInputTokens, controller.signal).then(
          () => {
            this.permits.delete(event.requestId);
            if (this.alive) this.worker.postMessage({ type: 'permit_grant', requestId: event.requestId } satisfies WorkerCommand);
          },
          () => this.permits.delete(event.requestId),
        );
        return;
      }
      case 'permit_cancel':
        this.permits.get(event.requestId)?.abort();
        return;
      case 'rate_limit':
        this.options.limiter.report(event);
        return;
      case 'process':
        if (event.state === 'started' && !this.processes.has(event.pid)) {
          this.processes.add(event.pid);
          this.options.commands?.commandStarted();
        } else if (event.state === 'ended' && this.processes.delete(event.pid)) {
          this.options.commands?.commandEnded();
        }
        return;
      case 'log':
        this.log[event.level](event.fields ?? {}, event.msg);
        return;
      case 'pong':
        this.pings.get(event.nonce)?.(event);
        this.pings.delete(event.nonce);
        return;
      default:
        break;
    }
    if (INTERNAL_EVENT_TYPES.has(event.type)) return;
    for (const l of this.listeners) l(event as AgentEvent);
    // Listeners persist steps synchronously (the session runtime stores each in a transaction):
    // once they returned, a tool_start and everything before it is on disk and the tool may run.
    if (event.type === 'step' && event.step.kind === 'tool_start' && this.alive) this.release(event.step.seq, event.step.name);
  }

  /**
   * Lets the worker run the tool of a stored tool_start. A Bash call first waits for an idle
   * command host to start (so the command forks from the host, as always); later calls are
   * released in order behind it, since "stored up to seq" would release the waiting one too.
   */
  private release(seq: number, tool: string): void {
    const post = () => {
      if (this.alive) this.worker.postMessage({ type: 'stored', seq } satisfies WorkerCommand);
    };
    const host = tool === 'Bash' ? this.options.commands?.needed() : undefined;
    const held = this.held;
    if (!host && !held) return post();
    const next = Promise.all([held, host]).then(post);
    this.held = next;
    void next.finally(() => {
      if (this.held === next) this.held = undefined;
    });
  }

  private cleanUp(): void {
    for (const c of this.permits.values()) c.abort();
    this.permits.clear();
    // Commands still running belonged to the dead worker; nothing may outlive it.
    for (const pid of this.processes) {
      killProcessGroup(pid);
      this.options.commands?.commandEnded();
    }
    this.processes.clear();
  }
}
