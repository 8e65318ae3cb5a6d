// What the phone reads about approvals: the request (with its literal reply hint, part of the
// outside contract), the progress-line notes, and the replies to an answer that cannot be used.
import { renderSubject, type ApprovalSubject } from '../approval-subject.js';
import { renderInline } from '../markdown-inline.js';
import { TextBuilder } from '../text-builder.js';
import { SIGNAL_BODY_LIMIT_BYTES, type RenderedDoc, type RenderedMessage } from '../types.js';
import { utf8Length } from '../unicode.js';

export type { ApprovalSubject } from '../approval-subject.js';

export interface ApprovalRequestText {
  readonly projectName: string;
  readonly id: string;
  readonly tool: string;
  /** One line ("npm test", "edit README.md"): shown when there is no subject. */
  readonly summary: string;
  /** Why the app asks (a permission rule): shown when Claude gave no reason of its own. */
  readonly reason: string;
  readonly minutesLeft: number;
  /** What the call would do: a change, a command, a URL. */
  readonly subject?: ApprovalSubject | undefined;
  /** What Claude wrote just before the call; its last sentence is shown as the reason. */
  readonly intent?: string | undefined;
}

/** Longest reason shown; a longer last sentence is cut with "…". */
const MAX_INTENT = 280;

/** The last sentence of what Claude wrote before the call ("I'll add a usage section."). */
export function intentSentence(text: string | undefined): string {
  const paragraphs = (text ?? '').trim().split(/\n\s*\n/);
  const last = (paragraphs[paragraphs.length - 1] ?? '').replace(/\s+/g, ' ').trim();
  if (!last) return '';
  const sentences = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(last)].map((s) => s.segment.trim()).filter(Boolean);
  const sentence = sentences[sentences.length - 1] ?? last;
  return sentence.length > MAX_INTENT ? `${sentence.slice(0, MAX_INTENT - 1)}…` : sentence;
}

/**
 * The notifying request: who asks, Claude's reason, what exactly would happen, and the reply
 * hint "reply yes ID, always ID or no ID" word for word (outside contract). It is always one
 * message: a subject too long for it shrinks to a summary with the whole of it attached.
 */
export function approvalRequest(a: ApprovalRequestText): RenderedMessage {
  const subject = a.subject ? renderSubject(a.subject) : undefined;
  const full = compose(a, subject?.full);
  if (!subject || utf8Length(full.text) <= SIGNAL_BODY_LIMIT_BYTES) return toMessage(full);
  return toMessage(compose(a, subject.short));
}

function compose(a: ApprovalRequestText, subject: RenderedDoc | undefined): RenderedDoc {
  const b = new TextBuilder();
  b.append('🔐 ');
  b.appendStyled(a.projectName, 'bold');
  b.append(` wants to use ${a.tool}:`);
  if (!subject) {
    b.append('\n');
    b.appendStyled(a.summary, 'monospace');
  }
  const why = intentSentence(a.intent);
  if (why) b.append('\n💬 ').appendRendered(renderInline(why));
  else if (a.reason) b.append(`\n${a.reason}`);
  if (subject) b.append('\n').appendDoc(subject);
  b.append(`\nreply yes ${a.id}, always ${a.id} or no ${a.id} (or react 👍 / ♾️ / 👎) · expires in ${a.minutesLeft} min`);
  return b.buildDoc();
}

function toMessage(doc: RenderedDoc): RenderedMessage {
  return { body: doc.text, bodyRanges: doc.ranges, attachments: doc.attachments.map((x) => x.attachment) };
}

/** Whole minutes until `expiresAt`, at least one. */
export function minutesLeft(expiresAt: number, now: number): number {
  return Math.max(1, Math.round((expiresAt - now) / 60_000));
}

/** Progress line while Claude waits. */
export const waitingForApproval = (id: string): string => `⏸ Waiting for your approval (${id})`;

/** Progress warning when nobody answered in time. */
export const approvalExpired = (id: string): string => `Approval ${id} expired unanswered: denied`;

export const approvalGone = (id: string): string => `Approval ${id} was already answered or has expired.`;

/** A late answer ("yes 4f2a") to an approval that no longer waits: what became of it; nothing runs now. */
export function approvalEnded(id: string, status: 'once' | 'always' | 'deny' | 'expired' | 'cancelled'): string {
  switch (status) {
    case 'once':
    case 'always':
      return `Approval ${id} was already allowed; nothing more to do.`;
    case 'deny':
      return `Approval ${id} was already denied; nothing ran. If Claude should do it after all, say so in a message.`;
    case 'expired':
      return `Approval ${id} expired before your answer, so Claude was told no and nothing ran. If you still want it, say so in a message.`;
    case 'cancelled':
      return `Approval ${id} no longer waits: its turn was stopped or its project removed, and nothing ran.`;
  }
}

export const approvalSessionRestarted = (id: string): string =>
  `Approval ${id} can no longer be used: its session restarted. Claude will ask again if it still needs it.`;

export const noPendingApproval = (id: string | undefined): string => (id ? `No pending approval ${id}.` : 'Nothing is waiting for your approval.');

/** More than one approval fits the answer: ask which one. */
export function severalApprovals(id: string | undefined, pending: readonly { readonly id: string; readonly tool: string; readonly summary: string }[]): string {
  if (id) return `Several approvals have id ${id}; reply to the approval message itself.`;
  const list = pending.map((a) => `\`${a.id}\` ${a.tool}: ${a.summary}`).join('\n');
  return `Several approvals are waiting — say which:\n${list}`;
}
