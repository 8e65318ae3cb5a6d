// Which pending approval an answer means: the one with the quoted id, the only one waiting, or
// the one a reply or reaction points at (its phone message remembers session and id).
import { noPendingApproval, severalApprovals } from '../../display/wording/approvals.js';
import type { ApprovalRecord, ApprovalsRepo } from './approvals-repo.js';

export type FoundApproval = { readonly approval: ApprovalRecord; readonly problem?: undefined } | { readonly approval?: undefined; readonly problem: string };

/** By id ("yes 4f2a", /allow 4f2a), or the only one pending (/allow). */
export function findPending(repo: ApprovalsRepo, id: string | undefined): FoundApproval {
  const pending = id ? repo.pendingById(id) : repo.pending();
  if (pending.length === 1) return { approval: pending[0]! };
  if (pending.length === 0) return { problem: noPendingApproval(id) };
  return { problem: severalApprovals(id, pending) };
}

/** The approval a phone message carried, if it still waits for an answer. */
export function pendingFromMessage(repo: ApprovalsRepo, sessionId: string, approvalId: string): ApprovalRecord | undefined {
  return repo.pendingForSession(sessionId).find((a) => a.id === approvalId);
}
