// Approvals, main-process side: what Claude asked the owner to allow, from the worker's request
// to the owner's answer (phone or app) or its end without one. The one door to the approvals
// table; chat/, daemon/ and the session runtime all go through this class. The worker's half
// (open requests and their timers) is agent/approvals.ts.
import type { ApprovalDecision } from '../../shared/api.js';
import type { Clock } from '../../shared/clock.js';
import type { Store } from '../../store/database.js';
import { ApprovalsRepo, type ApprovalRecord } from './approvals-repo.js';
import { answerApproval, type AnswerResult, type ApprovalWorkers } from './answer.js';
import { cancelLeftovers, outcomeOf, type ResolvedBy } from './expiry.js';
import { findPending, pendingFromMessage, type FoundApproval } from './pending.js';

export type { ApprovalRecord, ApprovalStatus } from './approvals-repo.js';
export type { AnswerResult, ApprovalWorkers } from './answer.js';
export type { FoundApproval } from './pending.js';

/** A request as the worker asked it: a record before it has a status or a creation time. */
export type AskedApproval = Omit<ApprovalRecord, 'status' | 'createdAt'>;

export interface SessionApprovalsOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Where answers go (the supervisor); a function because it is built after this. */
  readonly workers: () => ApprovalWorkers;
}

export class SessionApprovals {
  private readonly repo: ApprovalsRepo;

  constructor(private readonly options: SessionApprovalsOptions) {
    this.repo = new ApprovalsRepo(options.store);
  }

  // ── What the sessions layer reports (inside its transactions) ──

  asked(a: AskedApproval): void {
    this.repo.add({ ...a, createdAt: this.options.clock.now() });
  }

  /** The worker settled a request: answered, timed out, or cancelled. */
  resolvedByWorker(sessionId: string, approvalId: string, decision: ApprovalDecision, by: ResolvedBy): void {
    this.repo.resolve(sessionId, approvalId, outcomeOf(decision, by), by, this.options.clock.now());
  }

  /** The session's worker went away: its open requests cannot be answered any more. */
  cancelForSession(sessionId: string): void {
    this.repo.cancelForSession(sessionId, this.options.clock.now());
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
