// What the app's approval card shows of a call: the change as a patch with its counts, the
// command with its folder and sandbox, the URL, and Claude's reason. Computed once when the
// worker asks and kept in memory while the approval waits: a restart cancels pending
// approvals anyway (expiry.ts), so nothing here needs to outlive the process.
import type { ApprovalDetail } from '../../shared/api.js';
import { changeFacts, type ApprovalSubject } from '../../display/approval-subject.js';
import { intentSentence } from '../../display/wording/approvals.js';

/** A patch longer than this is cut for the app (the phone gets the whole one as `.patch`). */
const MAX_PATCH_CHARS = 200_000;

export interface ApprovalExtras {
  readonly intent: string | undefined;
  readonly detail: ApprovalDetail | undefined;
}

export function approvalExtras(subject: ApprovalSubject | undefined, intent: string | undefined): ApprovalExtras {
  const sentence = intentSentence(intent) || undefined;
  return { intent: sentence, detail: subject ? detailOf(subject) : undefined };
}

function detailOf(subject: ApprovalSubject): ApprovalDetail {
  if (subject.kind !== 'change') return subject;
  const facts = changeFacts(subject);
  const truncated = facts.patch.length > MAX_PATCH_CHARS;
  return {
    kind: 'change',
    path: subject.path,
    patch: truncated ? facts.patch.slice(0, MAX_PATCH_CHARS) : facts.patch,
    truncated,
    added: facts.file?.added ?? 0,
    removed: facts.file?.removed ?? 0,
    newFile: subject.before === null,
  };
}
