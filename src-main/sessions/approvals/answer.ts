// One way to answer an approval, whichever way the owner chose: "yes 4f2a", a 👍 reaction,
// /allow, /deny, or the app's Allow button. The answer is recorded inside the caller's
// transaction; the worker hears it after the commit.
import type { ApprovalDecision } from '../../shared/api.js';
import { approvalGone, approvalSessionRestarted } from '../../display/wording/approvals.js';
import type { ApprovalRecord, ApprovalsRepo } from './approvals-repo.js';

/** The sessions' side an answer goes to: the worker that asked. */
export interface ApprovalWorkers {
  hasWorker(sessionId: string): boolean;
  /** Passes the decision on to the session's worker; false when it has none. */
  answerApproval(sessionId: string, approvalId: string, decision: ApprovalDecision, reason: string | undefined): boolean;
}

export interface AnswerResult {
  /** Why the answer could not be used (for the phone or the app); undefined when it was. */
  readonly reply: string | undefined;
  /** Run after the commit: tells the worker. */
  readonly after: (() => void) | undefined;
}

export function answerApproval(
  repo: ApprovalsRepo,
  workers: ApprovalWorkers,
  approval: ApprovalRecord,
  decision: ApprovalDecision,
  reason: string | undefined,
  by: string,
  now: number,
): AnswerResult {
  if (!repo.resolve(approval.sessionId, approval.id, decision, by, now)) return { reply: approvalGone(approval.id), after: undefined };
  if (!workers.hasWorker(approval.sessionId)) return { reply: approvalSessionRestarted(approval.id), after: undefined };
  // The progress message shows the outcome; a reply would only add noise.
  return { reply: undefined, after: () => void workers.answerApproval(approval.sessionId, approval.id, decision, reason) };
}
