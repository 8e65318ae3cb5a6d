// What a session stores as its worker reports: committed steps (the turn's final answer with its
// turn_end step, in one transaction), approvals asked and answered, usage, and turns given up on.
// Each write is paired with the reply it causes, so both are stored or neither is.
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AgentEvent, Step, WorkerEventOf } from '../agent/index.js';
import type { Store } from '../store/database.js';
import type { SessionsRepo } from '../store/sessions-repo.js';
import type { StepsRepo } from '../store/steps-repo.js';
import type { TurnsRepo } from '../store/turns-repo.js';
import { crashedTwiceWhileWorking, failedTurn } from '../display/wording/session-notices.js';
import type { SessionApprovals } from './approvals/index.js';
import type { ReplySink, SessionRef } from './reply-sink.js';
import { parseSteps, turnOutcome } from './step-reader.js';
import { turnChangedFiles } from './turn-files.js';
import { compactionOutcome, compactionRequest } from './compaction-turn.js';

export interface TurnRecordsDeps {
  readonly store: Store;
  readonly sessions: SessionsRepo;
  readonly steps: StepsRepo;
  readonly turns: TurnsRepo;
  readonly approvals: SessionApprovals;
  readonly clock: Clock;
  readonly replies: ReplySink;
}

export class TurnRecords {
  constructor(
    private readonly sessionId: string,
    private readonly ref: () => SessionRef,
    private readonly deps: TurnRecordsDeps,
    private readonly log: Logger,
    /** The project folder (for the files a turn changed); undefined when the project is gone. */
    private readonly projectRoot: () => string | undefined = () => undefined,
  ) {}

  /** Stores a committed step; a turn_end also finishes the turn and stores its answer. False for a replayed step. */
  step(step: Step): boolean {
    const { deps } = this;
    const now = deps.clock.now();
    return deps.store.transaction(() => {
      if (!deps.steps.append(this.sessionId, step)) return false;
      deps.sessions.touch(this.sessionId, now);
      if (step.kind !== 'turn_end') return true;
      const turn = deps.turns.get(step.turnId);
      if (turn && turn.status !== 'running' && turn.status !== 'queued') return true; // answered already
      const turnSteps = parseSteps(deps.steps.forTurn(this.sessionId, step.turnId), this.log);
      if (turn && compactionRequest(turn.content)) {
        const outcome = compactionOutcome(step, turnSteps, this.ref().projectName);
        deps.turns.finish(step.turnId, outcome.status, now, step.error ?? step.reason);
        deps.replies.finalAnswer(this.ref(), outcome.answer);
        return true;
      }
      const outcome = turnOutcome(step, turnSteps, 0);
      deps.turns.finish(step.turnId, outcome.status, now, step.error ?? step.reason);
      const root = this.projectRoot();
      deps.replies.finalAnswer(this.ref(), { ...outcome.answer, changedFiles: root ? turnChangedFiles(turnSteps, root) : [] });
      return true;
    });
  }

  approvalAsked(event: WorkerEventOf<'approval_request'>): void {
    const { deps } = this;
    deps.store.transaction(() => {
      deps.approvals.asked({
        sessionId: this.sessionId,
        id: event.approvalId,
        turnId: event.turnId,
        tool: event.tool,
        summary: event.summary,
        sessionRule: event.sessionRule,
        expiresAt: event.expiresAt,
        subject: event.subject,
        intent: event.intent,
      });
      deps.replies.approvalRequest(this.ref(), {
        id: event.approvalId,
        tool: event.tool,
        summary: event.summary,
        reason: event.reason,
        expiresAt: event.expiresAt,
        subject: event.subject,
        intent: event.intent,
      });
    });
  }

  approvalResolved(event: WorkerEventOf<'approval_resolved'>): void {
    this.deps.approvals.resolvedByWorker(this.sessionId, event.approvalId, event.decision, event.by);
  }

  usage(event: Extract<AgentEvent, { type: 'usage' }>): void {
    this.deps.sessions.addUsage(this.sessionId, {
      costUsd: event.costUsd ?? 0,
      input: event.usage.input_tokens,
      output: event.usage.output_tokens,
      cacheRead: event.usage.cache_read_input_tokens,
      cacheWrite: event.usage.cache_creation_input_tokens,
    });
  }

  /** The worker crashed twice during the running turn: end it (inside the caller's transaction). */
  failRunningAfterCrashes(reason: string): void {
    this.failRunning(crashedTwiceWhileWorking(reason));
  }

  /** Ends the running turn with `message` (inside the caller's transaction). */
  failRunning(message: string): void {
    this.fail(this.deps.turns.open(this.sessionId).filter((t) => t.status === 'running'), message);
  }

  /** Ends every waiting turn with `message` (nothing can run them). */
  failOpen(message: string): void {
    this.deps.store.transaction(() => this.fail(this.deps.turns.open(this.sessionId), message));
  }

  private fail(turns: ReturnType<TurnsRepo['open']>, message: string): void {
    const now = this.deps.clock.now();
    for (const turn of turns) {
      this.deps.turns.finish(turn.id, 'failed', now, message);
      this.deps.replies.finalAnswer(this.ref(), { turnId: turn.id, markdown: failedTurn(message), reason: 'error', costUsd: null, steps: 0 });
    }
  }
}
