// All sessions of all projects: builds a runtime per live session (restoring them after a
// restart), creates sessions on demand, runs the 5-minute health check and answers what the
// chat layer and the UI ask. A crash of one session's worker never touches another's. Its
// repositories are built by the composition root and stay inside: callers ask by method.
import { randomUUID } from 'node:crypto';
import type { Approval, ApiEvent, SessionSummary, TranscriptEntry } from '../shared/api.js';
import type { Clock, TimerHandle } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { PermissionMode } from '../shared/config.js';
import type { ApprovalDecision } from '../shared/api.js';
import { isOwnersAlwaysRule, type AgentConfig, type AgentWorker, type UserBlock } from '../agent/index.js';
import type { Store } from '../store/database.js';
import type { Project } from '../store/projects-repo.js';
import type { SessionRecord, SessionsRepo } from '../store/sessions-repo.js';
import type { StepsRepo, StoredStep } from '../store/steps-repo.js';
import type { TurnRecord, TurnsRepo } from '../store/turns-repo.js';
import type { ApprovalRecord, ApprovalWorkers, SessionApprovals } from './approvals/index.js';
import { HEALTH_CHECK_MS } from './lifecycle.js';
import type { ReplySink } from './reply-sink.js';
import { SessionRuntime } from './session-runtime.js';
import { compactionContent } from './compaction-turn.js';
import { deskResumeStep } from './desk-import.js';

/**
 * At most this many instructions wait behind a session's running turn; the next one is refused
 * with words (chat layer) rather than growing a queue the owner cannot see the end of.
 */
export const MAX_QUEUED_TURNS = 20;

/** Least time between two cost updates of one session in the UI. */
const SUMMARY_INTERVAL_MS = 1000;

/** The session tables, built once by the composition root. */
export interface SessionRepos {
  readonly sessions: SessionsRepo;
  readonly steps: StepsRepo;
  readonly turns: TurnsRepo;
}

export interface SupervisorOptions {
  readonly store: Store;
  readonly repos: SessionRepos;
  readonly approvals: SessionApprovals;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly replies: ReplySink;
  readonly createWorker: (name: string) => AgentWorker;
  readonly agentConfig: (session: SessionRecord, project: Project) => AgentConfig;
  readonly project: (id: string) => Project | undefined;
  readonly publish: (event: ApiEvent) => void;
  readonly newId?: () => string;
  /** The app's model and permission mode, for projects that set none of their own. */
  readonly defaults?: () => { readonly model: string; readonly permissionMode: PermissionMode };
  /** How long a worker may take to answer a health check (default 5 s). */
  readonly healthTimeoutMs?: number;
}

export class SessionSupervisor implements ApprovalWorkers {
  private readonly sessions: SessionsRepo;
  private readonly steps: StepsRepo;
  private readonly turns: TurnsRepo;
  private readonly runtimes = new Map<string, SessionRuntime>();
  private readonly pendingSummaries = new Map<string, TimerHandle>();
  private open = false;
  private healthTimer: TimerHandle | undefined;
  private readonly newId: () => string;

  constructor(private readonly options: SupervisorOptions) {
    ({ sessions: this.sessions, steps: this.steps, turns: this.turns } = options.repos);
    this.newId = options.newId ?? randomUUID;
  }

  start(): void {
    this.options.approvals.cancelLeftovers();
    this.open = true;
    for (const record of this.sessions.live()) this.runtimeFor(record).restore();
    this.healthTimer = this.options.clock.setInterval(() => void this.healthCheck(), HEALTH_CHECK_MS);
  }

  async stop(): Promise<void> {
    this.open = false;
    this.healthTimer?.cancel();
    for (const pending of this.pendingSummaries.values()) pending.cancel();
    this.pendingSummaries.clear();
    await Promise.all([...this.runtimes.values()].map((r) => r.shutdown()));
  }

  async healthCheck(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.healthCheck(this.options.healthTimeoutMs)));
  }

  /** The project's current session, created (idle, no worker yet) when it has none. Sync: call inside a transaction. */
  sessionFor(projectId: string): SessionRuntime {
    const record = this.sessions.currentFor(projectId) ?? this.sessions.create(this.newId(), projectId, this.options.clock.now());
    return this.runtimeFor(record);
  }

  existingSessionFor(projectId: string): SessionRuntime | undefined {
    const record = this.sessions.currentFor(projectId);
    return record ? this.runtimeFor(record) : undefined;
  }

  get(sessionId: string): SessionRuntime | undefined {
    const live = this.runtimes.get(sessionId);
    if (live) return live;
    const record = this.sessions.get(sessionId);
    return record && record.endedAt === undefined ? this.runtimeFor(record) : undefined;
  }

  /**
   * Queues a turn for the project's session. Sync, inside the caller's transaction (with the
   * inbox row marked handled); call `kick` after the commit. A phone message (inboxId) that
   * already started a turn returns that turn instead of a second one.
   */
  enqueueTurn(projectId: string, inboxId: number | undefined, content: UserBlock[]): { runtime: SessionRuntime; turn: TurnRecord; ahead: number } {
    const runtime = this.sessionFor(projectId);
    const existing = inboxId === undefined ? undefined : this.turns.byInbox(inboxId);
    if (existing) return { runtime, turn: existing, ahead: 0 };
    const ahead = this.turns.open(runtime.id).length;
    const turn = this.turns.enqueue({ id: this.newId(), sessionId: runtime.id, inboxId, content, at: this.options.clock.now() });
    return { runtime, turn, ahead };
  }

  /**
   * Queues the owner's /compact for the project's current session (inside the caller's
   * transaction; `kick` after the commit). Undefined when the project has no session yet.
   */
  enqueueCompaction(projectId: string, instructions: string | undefined): { runtime: SessionRuntime; ahead: number } | undefined {
    const runtime = this.existingSessionFor(projectId);
    if (!runtime) return undefined;
    const ahead = this.turns.open(runtime.id).length;
    this.turns.enqueue({ id: this.newId(), sessionId: runtime.id, inboxId: undefined, content: compactionContent(instructions), at: this.options.clock.now() });
    return { runtime, ahead };
  }

  kick(runtime: SessionRuntime): void {
    runtime.submitTurn();
  }

  /** /stop: ends the running turn and drops the queued ones. */
  stopTurn(runtime: SessionRuntime): { running: boolean; dropped: number } {
    const dropped = this.cancelQueuedTurns(runtime.id);
    return { running: runtime.stopTurn(), dropped };
  }

  /** Drops the session's turns that have not started (inside the caller's transaction); how many. */
  cancelQueuedTurns(sessionId: string): number {
    return this.turns.cancelQueued(sessionId, this.options.clock.now());
  }

  /** How many instructions wait for the project's session when no more may join them (else undefined). */
  queueFull(projectId: string): number | undefined {
    const runtime = this.existingSessionFor(projectId);
    const waiting = runtime ? this.queuedTurnCount(runtime.id) : 0;
    return waiting >= MAX_QUEUED_TURNS ? waiting : undefined;
  }

  /** Turns of the session waiting behind the running one. */
  queuedTurnCount(sessionId: string): number {
    return this.turns.open(sessionId).filter((t) => t.status === 'queued').length;
  }

  /** Every step the session stored, oldest first (for /diff and /undo). */
  storedSteps(sessionId: string): StoredStep[] {
    return this.steps.all(sessionId);
  }

  /** Claude's conversation in the session carries a summary (of a desk session it continues, or of older turns). */
  carriesSummary(sessionId: string): boolean {
    return this.steps.has(sessionId, 'compaction');
  }

  /** What each project's sessions cost so far (for /status). */
  costByProject(): ReturnType<SessionsRepo['costByProject']> {
    return this.sessions.costByProject();
  }

  /** /new: ends the project's session (its transcript stays) and starts a fresh one. */
  newSession(projectId: string): SessionRuntime {
    const current = this.existingSessionFor(projectId);
    if (current) {
      this.turns.cancelQueued(current.id, this.options.clock.now());
      current.terminate();
    }
    const record = this.sessions.create(this.newId(), projectId, this.options.clock.now());
    return this.runtimeFor(record);
  }

  /**
   * A new session that starts from a summary instead of an empty conversation (/resume of a
   * Claude Code session from the desk): the summary is its first step, as a /compact's would be.
   */
  newSessionFrom(projectId: string, summary: string): SessionRuntime {
    const runtime = this.newSession(projectId);
    const step = deskResumeStep(summary, this.options.clock.now());
    this.steps.append(runtime.id, step);
    runtime.history.push(step);
    return runtime;
  }

  /**
   * The project is being removed: every live session of it ends (its worker stops, queued turns
   * are dropped, waiting approvals cancelled). Sync, inside the caller's transaction; the worker
   * is let go at once, so nothing it still sends is stored.
   */
  endProject(projectId: string): { cancelled: ApprovalRecord[]; running: boolean; dropped: number } {
    const now = this.options.clock.now();
    const ended = { cancelled: [] as ApprovalRecord[], running: false, dropped: 0 };
    for (const record of this.sessions.live().filter((r) => r.projectId === projectId)) {
      const runtime = this.runtimeFor(record);
      ended.cancelled.push(...this.options.approvals.pendingForSession(record.id));
      this.options.approvals.cancelForSession(record.id);
      ended.dropped += this.turns.cancelQueued(record.id, now);
      for (const turn of this.turns.open(record.id)) {
        ended.running = true;
        this.turns.finish(turn.id, 'cancelled', now, 'project removed');
      }
      runtime.terminate();
    }
    return ended;
  }

  /** The session has a running worker (ApprovalWorkers). */
  hasWorker(sessionId: string): boolean {
    return this.get(sessionId)?.hasWorker ?? false;
  }

  /** Passes the owner's answer on to the session's worker (ApprovalWorkers). */
  answerApproval(sessionId: string, approvalId: string, decision: ApprovalDecision, reason: string | undefined): boolean {
    return this.runtimes.get(sessionId)?.answerApproval(approvalId, decision, reason) ?? false;
  }

  setMode(projectId: string, mode: PermissionMode): void {
    this.existingSessionFor(projectId)?.setMode(mode);
  }

  /** The project's settings changed (/model): its session's worker is replaced once idle. Whether a turn runs now. */
  reloadWorker(projectId: string): boolean {
    return this.existingSessionFor(projectId)?.reloadWorker() ?? false;
  }

  /** /net on|off for a running session (a new one reads the stored choice when it starts). */
  setNetwork(projectId: string, network: boolean): void {
    this.existingSessionFor(projectId)?.setNetwork(network);
  }

  /** The owner set another Anthropic key: every running session's next request uses it. */
  setApiKey(apiKey: string): void {
    for (const runtime of this.runtimes.values()) runtime.setApiKey(apiKey);
  }

  summaries(): SessionSummary[] {
    return this.sessions.live().map((record) => this.summary(this.runtimeFor(record)));
  }

  transcript(sessionId: string): TranscriptEntry[] {
    return this.get(sessionId)?.history.list() ?? [];
  }

  approvalView(a: ApprovalRecord): Approval {
    const runtime = this.runtimes.get(a.sessionId);
    return {
      id: a.id,
      sessionId: a.sessionId,
      projectName: runtime?.ref.projectName ?? '?',
      tool: a.tool,
      summary: a.summary,
      createdAt: new Date(a.createdAt).toISOString(),
      expiresAt: new Date(a.expiresAt).toISOString(),
      ...this.options.approvals.extrasOf(a),
    };
  }

  summary(runtime: SessionRuntime): SessionSummary {
    const record = runtime.currentRecord();
    const project = this.options.project(record.projectId);
    const crash = runtime.crash;
    const turn = runtime.turnProgress;
    return {
      id: record.id,
      projectId: record.projectId,
      projectName: project?.name ?? '?',
      projectPath: project?.path ?? '',
      state: runtime.state,
      model: project?.model ?? this.options.defaults?.().model ?? '',
      permissionMode: project?.permissionMode ?? runtime.modeFromSettings?.mode ?? this.options.defaults?.().permissionMode ?? '',
      lastActivityAt: record.lastActivityAt === undefined ? null : new Date(record.lastActivityAt).toISOString(),
      costUsd: record.costUsd,
      ...(crash ? { crash: { reason: crash.reason, at: new Date(crash.at).toISOString(), count: crash.count } } : {}),
      pendingApprovals: this.options.approvals.pendingForSession(record.id).map((a) => this.approvalView(a)),
      allowedForSession: record.sessionRules.filter(isOwnersAlwaysRule),
      ...(turn ? { turn } : {}),
    };
  }

  counts(): { total: number; active: number; crashed: number } {
    const states = this.sessions.live().map((r) => this.runtimes.get(r.id)?.state ?? r.state);
    return { total: states.length, active: states.filter((s) => s === 'active').length, crashed: states.filter((s) => s === 'crashed').length };
  }

  private runtimeFor(record: SessionRecord): SessionRuntime {
    const existing = this.runtimes.get(record.id);
    if (existing) return existing;
    const runtime = new SessionRuntime(record, {
      store: this.options.store,
      sessions: this.sessions,
      steps: this.steps,
      turns: this.turns,
      approvals: this.options.approvals,
      clock: this.options.clock,
      logger: this.options.logger,
      replies: this.options.replies,
      createWorker: this.options.createWorker,
      agentConfig: this.options.agentConfig,
      project: this.options.project,
      changed: (r, urgent = true) => this.changed(r, urgent),
      history: (r, entries) => {
        for (const entry of entries) this.options.publish({ type: 'transcript', sessionId: r.id, entry });
      },
      textDelta: (r, text) => this.options.publish({ type: 'text-delta', sessionId: r.id, text }),
      turnProgress: (r, turn) => this.options.publish({ type: 'turn-progress', sessionId: r.id, turn }),
    });
    this.runtimes.set(record.id, runtime);
    return runtime;
  }

  /**
   * Tells the UI a session changed. State changes go out at once; cost updates (one per model
   * request) at most once a second per session, since building a summary reads the database.
   */
  private changed(runtime: SessionRuntime, urgent: boolean): void {
    if (runtime.state === 'terminated') {
      this.runtimes.delete(runtime.id);
      this.pendingSummaries.get(runtime.id)?.cancel();
      this.pendingSummaries.delete(runtime.id);
      this.options.publish({ type: 'session-removed', sessionId: runtime.id });
      return;
    }
    if (!urgent) {
      if (this.pendingSummaries.has(runtime.id)) return;
      this.pendingSummaries.set(
        runtime.id,
        this.options.clock.setTimeout(() => {
          this.pendingSummaries.delete(runtime.id);
          if (this.runtimes.has(runtime.id) && this.open) this.options.publish({ type: 'session', session: this.summary(runtime) });
        }, SUMMARY_INTERVAL_MS),
      );
      return;
    }
    this.pendingSummaries.get(runtime.id)?.cancel();
    this.pendingSummaries.delete(runtime.id);
    this.options.publish({ type: 'session', session: this.summary(runtime) });
  }
}
