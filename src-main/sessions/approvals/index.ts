// Approvals, main-process side: what Claude asked the owner to allow, from the worker's request
// to the owner's answer (phone or app) or its end without one. The one door to the approvals
// table; chat/, daemon/ and the session runtime all go through this class. The worker's half
// (open requests and their timers) is agent/approvals.ts.
import type { ApprovalDecision } from '../../shared/api.js';
import type { Clock } from '../../shared/clock.js';
import type { Store } from '../../store/database.js';
import type { ApprovalSubject } from '../../display/approval-subject.js';
import { ApprovalsRepo, type ApprovalOutcome, type ApprovalRecord } from './approvals-repo.js';
import { approvalExtras, type ApprovalExtras } from './detail.js';
import { answerApproval, type AnswerResult, type ApprovalWorkers } from './answer.js';
import { cancelLeftovers, outcomeOf, type ResolvedBy } from './expiry.js';
import { findPending, pendingFromMessage, type FoundApproval } from './pending.js';

/** How long a late answer to an ended approval is recognised as one. */
const ENDED_APPROVALS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export type { ApprovalRecord, ApprovalStatus } from './approvals-repo.js';
export type { AnswerResult, ApprovalWorkers } from './answer.js';
export type { FoundApproval } from './pending.js';
export type { ApprovalExtras } from './detail.js';

/** A request as the worker asked it: a record before it has a status or a creation time, with what the owner needs to judge it. */
export type AskedApproval = Omit<ApprovalRecord, 'status' | 'createdAt'> & {
  readonly subject?: ApprovalSubject | undefined;
  readonly intent?: string | undefined;
};

export interface SessionApprovalsOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Where answers go (the supervisor); a function because it is built after this. */
  readonly workers: () => ApprovalWorkers;
}

export class SessionApprovals {
  private readonly repo: ApprovalsRepo;
  /** What the app shows of each waiting approval, by "session:id" (dropped once it is settled). */
  private readonly extras = new Map<string, ApprovalExtras>();

  constructor(private readonly options: SessionApprovalsOptions) {
    this.repo = new ApprovalsRepo(options.store);
  }

  // ── What the sessions layer reports (inside its transactions) ──

  asked(a: AskedApproval): void {
    const { subject, intent, ...record } = a;
    this.repo.add({ ...record, createdAt: this.options.clock.now() });
    this.extras.set(`${a.sessionId}:${a.id}`, approvalExtras(subject, intent));
  }

  /** The worker settled a request: answered, timed out, or cancelled. */
  resolvedByWorker(sessionId: string, approvalId: string, decision: ApprovalDecision, by: ResolvedBy): void {
    this.repo.resolve(sessionId, approvalId, outcomeOf(decision, by), by, this.options.clock.now());
    this.extras.delete(`${sessionId}:${approvalId}`);
  }

  /** The session's worker went away: its open requests cannot be answered any more. */
  cancelForSession(sessionId: string): void {
    this.repo.cancelForSession(sessionId, this.options.clock.now());
    for (const key of this.extras.keys()) if (key.startsWith(`${sessionId}:`)) this.extras.delete(key);
  }

  /** Claude's reason and what the call would do, while the approval waits. */
  extrasOf(a: Pick<ApprovalRecord, 'sessionId' | 'id'>): ApprovalExtras | undefined {
    return this.extras.get(`${a.sessionId}:${a.id}`);
  }

  /** At start: requests of an earlier run's workers (the resumed turn reports them interrupted). */
  cancelLeftovers(): void {
    this.options.store.transaction(() => cancelLeftovers(this.repo, this.options.clock.now()));
  }

  // ── What waits ──

  pending(): ApprovalRecord[] {
    return this.repo.pending();
  }

  pendingForSession(sessionId: string): ApprovalRecord[] {
    return this.repo.pendingForSession(sessionId);
  }

  /** By id, or the only one pending; otherwise a problem the owner can act on. */
  find(id: string | undefined): FoundApproval {
    return findPending(this.repo, id);
  }

  /** The approval a quoted or reacted-to phone message carried, if still pending. */
  fromMessage(sessionId: string, approvalId: string): ApprovalRecord | undefined {
    return pendingFromMessage(this.repo, sessionId, approvalId);
  }

  /**
   * An approval with this id that no longer waits (answered, expired, or cancelled when its turn
   * stopped or its project was removed), asked within the last week: a late "yes 4f2a" is told
   * what became of it instead of going to Claude as an instruction.
   */
  ended(id: string): (ApprovalRecord & { readonly status: ApprovalOutcome }) | undefined {
    const latest = this.repo.latestById(id, this.options.clock.now() - ENDED_APPROVALS_KEPT_MS);
    return latest && latest.status !== 'pending' ? { ...latest, status: latest.status } : undefined;
  }

  /** More than one session has a pending approval with this id. */
  isAmbiguous(id: string): boolean {
    return this.repo.pendingById(id).length > 1;
  }

  // ── The owner's answer ──

  /** Records the answer (inside the caller's transaction); run `after` once it committed. */
  answer(approval: ApprovalRecord, decision: ApprovalDecision, reason: string | undefined, by: string): AnswerResult {
    return answerApproval(this.repo, this.options.workers(), approval, decision, reason, by, this.options.clock.now());
  }
}
