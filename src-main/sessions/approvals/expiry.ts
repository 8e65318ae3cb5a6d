// How approvals end without an answer: the worker denies one nobody answered in time (it keeps
// the timer, see agent/approvals.ts), a worker that goes away takes its open ones with it, and
// those of an earlier run cannot be answered after a restart (Claude asks again if needed).
import type { ApprovalDecision } from '../../shared/api.js';
import type { ApprovalOutcome, ApprovalsRepo } from './approvals-repo.js';

export type ResolvedBy = 'owner' | 'timeout' | 'cancelled';

/** What a worker's approval_resolved event means for the stored approval. */
export function outcomeOf(decision: ApprovalDecision, by: ResolvedBy): ApprovalOutcome {
  return by === 'timeout' ? 'expired' : by === 'cancelled' ? 'cancelled' : decision;
}

/** At start: approvals asked by workers of an earlier run. */
export function cancelLeftovers(repo: ApprovalsRepo, now: number): void {
  for (const a of repo.pending()) repo.resolve(a.sessionId, a.id, 'cancelled', 'restart', now);
}
