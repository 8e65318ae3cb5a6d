// One session's agent worker thread, as the session runtime holds it: start (spawn, start,
// ready), stop (graceful) or end at once, the health check, and the commands a running worker
// takes. Events of a worker that was replaced or stopped are dropped here, so the runtime only
// ever hears its current worker. A worker that goes away unasked is reported through `onGone`.
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ApprovalDecision } from '../shared/api.js';
import type { PermissionMode } from '../shared/config.js';
import type { AgentConfig, AgentEvent, AgentWorker, Step, UserBlock, WorkerEventOf, WorkerExit } from '../agent/index.js';

export interface WorkerHandleDeps {
  readonly createWorker: (name: string) => AgentWorker;
  readonly log: Logger;
  readonly onEvent: (event: AgentEvent) => void;
  /** The worker went away unasked (crash, no answer to the health check, refused start). */
  readonly onGone: (reason: string) => void;
}

export class WorkerHandle {
  private worker: AgentWorker | undefined;

  constructor(private readonly deps: WorkerHandleDeps) {}

  get alive(): boolean {
    return this.worker?.alive ?? false;
  }

  /**
   * Spawns a worker and starts it on the stored steps. Resolves with its ready event, or
   * undefined when it did not get there (then `onGone` was called, or it was replaced meanwhile).
   */
  async start(name: string, config: AgentConfig, steps: readonly Step[], resume: boolean): Promise<WorkerEventOf<'ready'> | undefined> {
    let worker: AgentWorker;
    try {
      worker = this.deps.createWorker(name);
    } catch (error) {
      this.deps.log.error({ err: error }, 'cannot start a worker');
      this.deps.onGone(`cannot start: ${describeError(error)}`);
      return undefined;
    }
    this.worker = worker;
    worker.onEvent((event) => {
      if (worker === this.worker) this.deps.onEvent(event);
    });
    worker.onExit((exit) => {
      if (worker === this.worker) this.exited(exit);
    });
    try {
      const ready = await worker.start(config, steps, resume);
      return worker === this.worker ? ready : undefined;
    } catch (error) {
      // An exit while starting is handled by onExit; a refused start ends the worker here.
      if (worker === this.worker && worker.alive) {
        this.deps.log.error({ err: error }, 'worker refused to start');
        this.worker = undefined;
        void worker.terminate();
        this.deps.onGone(describeError(error));
      }
      return undefined;
    }
  }

  sendTurn(turnId: string, content: UserBlock[]): boolean {
    if (!this.worker?.alive) return false;
    this.worker.sendTurn(turnId, content);
    return true;
  }

  sendCompaction(turnId: string, instructions: string | undefined): boolean {
    if (!this.worker?.alive) return false;
    this.worker.sendCompaction(turnId, instructions);
    return true;
  }

  /** Ends the running turn (the worker answers within a second). */
  stopTurn(): boolean {
    if (!this.worker?.alive) return false;
    this.worker.stop();
    return true;
  }

  answerApproval(approvalId: string, decision: ApprovalDecision, reason?: string): boolean {
    if (!this.worker?.alive) return false;
    this.worker.answerApproval(approvalId, decision, reason);
    return true;
  }

  setMode(mode: PermissionMode): void {
    if (this.worker?.alive) this.worker.setMode(mode);
  }

  setNetwork(network: boolean): void {
    if (this.worker?.alive) this.worker.setNetwork(network);
  }

  /** A worker started later reads the key from the preferences itself. */
  setApiKey(apiKey: string): void {
    if (this.worker?.alive) this.worker.setApiKey(apiKey);
  }

  /** Health check: a worker that does not answer is ended and reported gone. */
  async healthCheck(timeoutMs: number): Promise<boolean> {
    const worker = this.worker;
    if (!worker?.alive) return true;
    try {
      await worker.ping(timeoutMs);
      return true;
    } catch (error) {
      if (worker !== this.worker) return true;
      this.deps.log.warn({ err: error }, 'worker unresponsive');
      this.worker = undefined;
      void worker.terminate();
      this.deps.onGone(`unresponsive: ${describeError(error)}`);
      return false;
    }
  }

  /** Lets the worker finish cleanly (suspend, /new). It is let go at once; the promise says when it ended. */
  async shutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker?.alive) await worker.shutdown();
  }

  /** Ends the worker at once (the app is stopping). */
  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker?.alive) await worker.terminate();
  }

  private exited(exit: WorkerExit): void {
    this.worker = undefined;
    if (exit.requested) return;
    const reason = exit.error ? exit.error.message.split('\n')[0] ?? 'error' : `exit code ${exit.code}`;
    this.deps.onGone(reason);
  }
}
