// One way to answer an approval, whichever way the owner chose: "yes 4f2a", a 👍 reaction,
// /allow, /deny, or a button in the app.
import type { ApprovalDecision as AgentDecision } from '../agent/index.js';
import type { ApprovalRecord } from '../store/approvals-repo.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import type { ApprovalDecision } from './parse-input.js';

const TO_AGENT: Readonly<Record<ApprovalDecision, AgentDecision>> = { once: 'allow_once', always: 'allow_session', deny: 'deny' };

export interface AnswerResult {
  readonly reply: string | undefined;
  readonly after: (() => void) | undefined;
}

/** Records the answer (inside the caller's transaction); the worker hears it after the commit. */
export function answerApproval(
  supervisor: SessionSupervisor,
  approval: ApprovalRecord,
  decision: ApprovalDecision,
  reason: string | undefined,
  by: string,
  now: number,
): AnswerResult {
  const agentDecision = TO_AGENT[decision];
  if (!supervisor.approvals.resolve(approval.sessionId, approval.id, agentDecision, by, now)) {
    return { reply: `Approval ${approval.id} was already answered or has expired.`, after: undefined };
  }
  const runtime = supervisor.get(approval.sessionId);
  if (!runtime?.hasWorker) {
    return { reply: `Approval ${approval.id} can no longer be used: its session restarted. Claude will ask again if it still needs it.`, after: undefined };
  }
  // The progress message shows the outcome; a reply would only add noise.
  return { reply: undefined, after: () => void supervisor.answerApproval(approval, agentDecision, reason) };
}

/** Finds the pending approval an answer means: by id, or the only one pending. */
export function findPending(supervisor: SessionSupervisor, id: string | undefined): { approval?: ApprovalRecord; problem?: string } {
  const pending = id ? supervisor.approvals.pendingById(id) : supervisor.approvals.pending();
  if (pending.length === 1) return { approval: pending[0] };
  if (pending.length === 0) return { problem: id ? `No pending approval ${id}.` : 'Nothing is waiting for your approval.' };
  const list = pending.map((a) => `\`${a.id}\` ${a.tool}: ${a.summary}`).join('\n');
  return { problem: id ? `Several approvals have id ${id}; reply to the approval message itself.` : `Several approvals are waiting — say which:\n${list}` };
}
