// One session at run time: its lifecycle state, its worker (worker-handle.ts), the running
// turn's view and its timers; it carries out the lifecycle's effects. Worker events are routed
// as they come (worker-events.ts) and the turn's final answer is stored with the turn_end step
// in one transaction, so it is sent once.
import { describeError, isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { PermissionMode } from '../shared/config.js';
import type { ApprovalDecision } from '../shared/api.js';
import { folderConfirmationRule, type AddedFolderStatus, type AgentConfig, type AgentWorker, type UserBlock, type WorkerEventOf } from '../agent/index.js';
import { crashNotice, turnFooter } from '../display/wording/session-notices.js';
import type { Project } from '../store/projects-repo.js';
import type { SessionRecord } from '../store/sessions-repo.js';
import { IDLE_SUSPEND_MS, SUSPENDED_TERMINATE_MS, transition, type LifecycleEffect, type LifecycleEvent, type LifecycleSnapshot } from './lifecycle.js';
import type { ReplySink, SessionRef } from './reply-sink.js';
import { TurnViews } from './turn-views.js';
import { LifecycleTimers } from './lifecycle-timers.js';
import { parseSteps } from './step-reader.js';
import { TurnRecords, type TurnRecordsDeps } from './turn-records.js';
import { History } from './history.js';
import { WorkerHandle } from './worker-handle.js';
import { routeWorkerEvent, type WorkerEventTargets } from './worker-events.js';
import type { TranscriptEntry, TurnProgress } from '../shared/api.js';
import { interruptedTurn } from '../agent/index.js';
import { compactionRequest } from './compaction-turn.js';

/** A command Claude started with run_in_background, still running. */
export type BackgroundCommand = WorkerEventOf<'background'>['shells'][number];

export interface RuntimeDeps extends TurnRecordsDeps {
  readonly logger: Logger;
  readonly replies: ReplySink;
  readonly createWorker: (name: string) => AgentWorker;
  /** Throws an AppError the owner should read (e.g. no API key) when a worker cannot start. */
  readonly agentConfig: (session: SessionRecord, project: Project) => AgentConfig;
  readonly project: (id: string) => Project | undefined;
  /** Something the UI shows changed (state, approvals, cost); not urgent: it may wait a moment. */
  readonly changed: (runtime: SessionRuntime, urgent?: boolean) => void;
  readonly history: (runtime: SessionRuntime, entries: TranscriptEntry[]) => void;
  /** Claude's text as it streams (for the live session view; the phone gets the final text). */
  readonly textDelta: (runtime: SessionRuntime, text: string) => void;
  /** The running turn's live activity changed; null: no turn runs any more. */
  readonly turnProgress: (runtime: SessionRuntime, progress: TurnProgress | null) => void;
}

export class SessionRuntime {
  private snapshot: LifecycleSnapshot;
  private readonly worker: WorkerHandle;
  private readonly views: TurnViews;
  /** A worker being stopped (stop-worker effect); shutdown() waits for it. */
  private stopping: Promise<void> | undefined;
  /** shutdown() ran: the app is stopping and the store may close. */
  private closed = false;
  private resumingTurnId: string | undefined;
  /**
   * The turn this session gave its worker and awaits the end of. A new worker also ends a turn
   * it was not given (one a crash interrupted and the session gave up on); that end must not
   * end the turn running now, or the next one would be given a second time.
   */
  private sentTurnId: string | undefined;
  /** The mode a project settings file's defaultMode chose for the running worker (for /status). */
  private settingsMode: { readonly mode: string; readonly source: string } | undefined;
  /** The settings' additionalDirectories as the running worker started with them (for /status). */
  private folders: readonly AddedFolderStatus[] = [];
  /** The project's settings changed (/model): the worker is replaced once no turn runs. */
  private reloadPending = false;
  private readonly timers: LifecycleTimers;
  private readonly log: Logger;
  private readonly records: TurnRecords;
  private readonly events: WorkerEventTargets;
  private background: readonly BackgroundCommand[] = [];
  readonly history = new History(100);

  constructor(
    private record: SessionRecord,
    private readonly deps: RuntimeDeps,
  ) {
    this.snapshot = { state: record.state, crashCount: record.crashCount, lastCrashAt: record.lastCrashAt, crashReason: record.crashReason };
    this.log = deps.logger.child({ mod: 'session', session: record.id });
    this.timers = new LifecycleTimers(deps.clock, (event) => this.apply(event));
    this.records = new TurnRecords(record.id, () => this.ref, deps, this.log, () => deps.project(record.projectId)?.path);
    this.worker = new WorkerHandle({
      createWorker: deps.createWorker,
      log: this.log,
      onEvent: (event) => routeWorkerEvent(event, this.events),
      onGone: (reason) => this.workerGone(reason),
    });
    this.views = new TurnViews({
      clock: deps.clock,
      progress: (turnId, update) => deps.store.transaction(() => deps.replies.progress(this.ref, turnId, update)),
      live: (progress) => deps.turnProgress(this, progress),
      projectDir: () => deps.project(record.projectId)?.path,
    });
    this.events = {
      records: this.records,
      log: this.log,
      view: () => this.views.running,
      stepStored: (step) => deps.history(this, this.history.push(step)),
      ruleAdded: (rule) => deps.sessions.addSessionRule(this.id, rule),
      changed: (urgent) => deps.changed(this, urgent),
      textDelta: (text) => deps.textDelta(this, text),
      turnEnded: (turnId, reason) => this.endTurn(turnId, reason),
      background: (shells) => {
        this.background = shells;
      },
    };
  }

  get id(): string {
    return this.record.id;
  }

  get state(): LifecycleSnapshot['state'] {
    return this.snapshot.state;
  }

  get crash(): { reason: string; at: number; count: number; retryAt?: number } | undefined {
    const s = this.snapshot;
    if (!((s.state === 'crashed' || s.state === 'recovering') && s.crashReason && s.lastCrashAt)) return undefined;
    return { reason: s.crashReason, at: s.lastCrashAt, count: s.crashCount, ...(s.retryAt !== undefined ? { retryAt: s.retryAt } : {}) };
  }

  /** The defaultMode of the project's settings, when the worker runs in it (no /mode chosen). */
  get modeFromSettings(): { readonly mode: string; readonly source: string } | undefined {
    return this.settingsMode;
  }

  /** The settings' added folders; confirmed ones include those the owner confirmed since the worker started. */
  get addedFolders(): AddedFolderStatus[] {
    const rules = this.currentRecord().sessionRules;
    return this.folders.map((f) => ({ ...f, confirmed: f.confirmed || rules.includes(folderConfirmationRule(f.path)) }));
  }

  /** Commands Claude started with run_in_background that still run (they end with the worker). */
  get backgroundCommands(): readonly BackgroundCommand[] {
    return this.worker.alive ? this.background : [];
  }

  /** What the running turn is doing now, if one runs. */
  get turnProgress(): TurnProgress | undefined {
    return this.views.running?.activity.snapshot();
  }

  get hasWorker(): boolean {
    return this.worker.alive;
  }

  get ref(): SessionRef {
    const project = this.deps.project(this.record.projectId);
    return { sessionId: this.record.id, projectId: this.record.projectId, projectName: project?.name ?? '?' };
  }

  currentRecord(): SessionRecord {
    this.record = this.deps.sessions.get(this.record.id) ?? this.record;
    return this.record;
  }

  /** After a restart of the app: continue as the session was. */
  restore(): void {
    this.history.load(this.deps.steps.tail(this.id, 100));
    const now = this.deps.clock.now();
    switch (this.snapshot.state) {
      case 'idle':
        this.timers.schedule('idle', this.record.stateSince + IDLE_SUSPEND_MS - now);
        if (this.deps.turns.open(this.id).length > 0) this.submitTurn();
        break;
      case 'suspended':
        this.timers.schedule('suspended', this.record.stateSince + SUSPENDED_TERMINATE_MS - now);
        if (this.deps.turns.open(this.id).length > 0) this.submitTurn();
        break;
      case 'crashed':
        break;
      case 'terminating':
        this.setState({ ...this.snapshot, state: 'terminated' });
        break;
      default:
        // It had (or was getting) a worker when the app stopped: bring one back and continue.
        this.setState({ ...this.snapshot, state: 'recovering' });
        void this.spawn();
    }
  }

  /** A turn was queued in the store: start it now if the session can. */
  submitTurn(): void {
    this.apply({ type: 'turn', workerAlive: this.hasWorker });
  }

  /** /stop: ends the running turn (the worker answers within a second). */
  stopTurn(): boolean {
    if (!this.worker.alive || !this.views.running) return false;
    return this.worker.stopTurn();
  }

  restart(): boolean {
    return this.apply({ type: 'restart' });
  }

  terminate(): boolean {
    return this.apply({ type: 'terminate' });
  }

  answerApproval(approvalId: string, decision: ApprovalDecision, reason?: string): boolean {
    return this.worker.answerApproval(approvalId, decision, reason);
  }

  setMode(mode: PermissionMode): void {
    this.worker.setMode(mode);
  }

  setNetwork(network: boolean): void {
    this.worker.setNetwork(network);
  }

  setApiKey(apiKey: string): void {
    this.worker.setApiKey(apiKey);
  }

  /**
   * The worker's settings are stale (a new model): once no turn runs, the worker ends as if
   * suspended, and the next instruction starts one with the new settings and the same
   * conversation. Returns whether a turn is running (so the change waits for it).
   */
  reloadWorker(): boolean {
    this.reloadPending = true;
    const running = this.views.running !== undefined;
    this.reloadIfIdle();
    return running;
  }

  private reloadIfIdle(): void {
    if (!this.reloadPending || this.views.running !== undefined) return;
    const state = this.snapshot.state;
    if (state === 'idle' && this.worker.alive) {
      this.reloadPending = false;
      this.apply({ type: 'idle-timeout' });
    } else if (state === 'suspended' || state === 'crashed' || state === 'terminated' || state === 'terminating') {
      this.reloadPending = false; // no worker: the next one reads the settings fresh
    }
    // Otherwise a worker is coming up, perhaps with the old settings: the end of its turn decides.
  }

  /** Health check: a worker that does not answer is treated as crashed. */
  healthCheck(timeoutMs = 5000): Promise<boolean> {
    return this.worker.healthCheck(timeoutMs);
  }

  /** The app is stopping: end the worker, keep the stored state as it is (restore continues it). */
  async shutdown(): Promise<void> {
    this.closed = true;
    this.timers.cancel();
    this.views.disposeAll();
    await this.worker.terminate();
    // A worker being stopped (/new, suspend) finishes first, so nothing touches the store after.
    await this.stopping;
  }

  private apply(event: LifecycleEvent): boolean {
    const t = transition(this.snapshot, event);
    if (!t.applied) return false;
    this.setState(t.next);
    for (const effect of t.effects) this.run(effect);
    return true;
  }

  private setState(next: LifecycleSnapshot): void {
    const crashChanged = next.crashCount !== this.snapshot.crashCount || next.lastCrashAt !== this.snapshot.lastCrashAt;
    this.snapshot = next;
    this.deps.sessions.setState(
      this.id,
      next.state,
      this.deps.clock.now(),
      crashChanged ? { count: next.crashCount, lastAt: next.lastCrashAt, reason: next.crashReason } : undefined,
    );
    this.currentRecord();
    this.deps.changed(this);
  }

  private run(effect: LifecycleEffect): void {
    switch (effect.type) {
      case 'spawn-worker':
        void this.spawn();
        break;
      case 'run-turn':
        this.runNextTurn();
        break;
      case 'stop-worker':
        this.stopping = this.stopWorker();
        break;
      case 'schedule':
        this.timers.schedule(effect.timer, effect.ms);
        break;
      case 'cancel-timers':
        this.timers.cancel();
        break;
      case 'notify-crash': {
        const text = crashNotice(this.ref.projectName, effect.reason, effect.final, effect.retryInMs);
        this.deps.store.transaction(() => {
          // The turn that was running may be what crashes it: end it, so /restart starts clean.
          if (effect.final) this.records.failRunningAfterCrashes(effect.reason);
          this.deps.replies.notice(this.ref, text, { notify: effect.final || effect.retryInMs !== undefined });
        });
        break;
      }
    }
  }

  private async spawn(): Promise<void> {
    const project = this.deps.project(this.record.projectId);
    let config: AgentConfig;
    try {
      if (!project) throw new Error('its project was removed');
      config = this.deps.agentConfig(this.currentRecord(), project);
    } catch (error) {
      // Nothing can run (no API key, project gone): tell the owner and end the waiting turns.
      this.records.failOpen(isAppError(error) ? error.toUserLine() : describeError(error));
      this.apply({ type: 'worker-ready', turnPending: false });
      return;
    }
    const steps = parseSteps(this.deps.steps.all(this.id), this.log);
    // A turn cut short by a crash continues, unless it was given up on (then the worker closes it).
    const interrupted = interruptedTurn(steps);
    const status = interrupted ? this.deps.turns.get(interrupted)?.status : undefined;
    const resume = interrupted === undefined || status === 'running' || status === 'queued';
    this.background = []; // a new worker starts with none
    const ready = await this.worker.start(`${project.name}:${this.id.slice(0, 8)}`, config, steps, resume);
    if (!ready) return;
    this.resumingTurnId = ready.resumingTurnId;
    this.settingsMode = ready.modeFromSettings;
    this.folders = ready.addedFolders ?? [];
    for (const warning of ready.warnings) this.log.warn({ warning }, 'worker start warning');
    const pending = ready.resumingTurnId !== undefined || this.deps.turns.open(this.id).length > 0;
    this.apply({ type: 'worker-ready', turnPending: pending });
  }

  private async stopWorker(): Promise<void> {
    this.views.drop();
    this.sentTurnId = undefined;
    await this.worker.shutdown();
    // The app stopped meanwhile: the stored state stays as it is and restore carries it on.
    if (this.closed) return;
    if (this.snapshot.state === 'terminating') this.apply({ type: 'worker-exited' });
  }

  private runNextTurn(): void {
    if (!this.worker.alive) return;
    const resuming = this.resumingTurnId;
    this.resumingTurnId = undefined;
    // The worker continues it on its own, and may already have finished it: its ready event and
    // the rest of the turn can come in one batch from the session host, before this runs. Its
    // turn_end step then finished the stored turn; marking it running again would leave the
    // session waiting for an end that came already (and a restart would give it again).
    const status = resuming === undefined ? undefined : this.deps.turns.get(resuming)?.status;
    if (resuming !== undefined && (status === 'running' || status === 'queued')) {
      this.deps.turns.markRunning(resuming, this.deps.clock.now());
      this.sentTurnId = resuming;
      this.beginView(resuming, true);
      return;
    }
    const next = this.deps.turns.open(this.id)[0];
    if (!next) {
      this.apply({ type: 'turn-end' });
      return;
    }
    this.deps.turns.markRunning(next.id, this.deps.clock.now());
    this.sentTurnId = next.id;
    this.beginView(next.id, false);
    const compaction = compactionRequest(next.content);
    if (compaction) this.worker.sendCompaction(next.id, compaction.instructions);
    else this.worker.sendTurn(next.id, next.content as UserBlock[]);
  }

  private beginView(turnId: string, resumed: boolean): void {
    this.deps.replies.typing(this.ref, true);
    this.views.begin(turnId, resumed);
  }

  private endTurn(turnId: string, reason: string): void {
    if (turnId !== this.sentTurnId) {
      // Its turn_end step is stored all the same (worker-events.ts); the turn was answered when given up on.
      this.log.debug({ turnId, reason }, 'end of a turn this worker was not given');
      return;
    }
    this.sentTurnId = undefined;
    this.views.end(turnId, (steps) => turnFooter(reason, steps));
    this.deps.replies.typing(this.ref, false);
    this.apply({ type: 'turn-end' });
    if (this.deps.turns.open(this.id).length > 0) this.submitTurn();
    else this.reloadIfIdle();
    this.deps.changed(this);
  }

  private workerGone(reason: string): void {
    this.views.drop();
    this.resumingTurnId = undefined;
    this.sentTurnId = undefined;
    this.deps.replies.typing(this.ref, false);
    this.deps.approvals.cancelForSession(this.id);
    this.apply({ type: 'crash', at: this.deps.clock.now(), reason });
  }
}
