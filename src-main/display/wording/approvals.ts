// What the phone reads about approvals: the request (with its literal reply hint, part of the
// outside contract), the progress-line notes, and the replies to an answer that cannot be used.
import { TextBuilder } from '../text-builder.js';
import type { RenderedText } from '../types.js';

export interface ApprovalRequestText {
  readonly projectName: string;
  readonly id: string;
  readonly tool: string;
  readonly summary: string;
  readonly reason: string;
  readonly minutesLeft: number;
}

/** The notifying request; "reply yes ID, always ID or no ID" must stay word for word. */
export function approvalRequest(a: ApprovalRequestText): RenderedText {
  const b = new TextBuilder();
  b.append('🔐 ');
  b.appendStyled(a.projectName, 'bold');
  b.append(` wants to use ${a.tool}:\n`);
  b.appendStyled(a.summary, 'monospace');
  if (a.reason) b.append(`\n${a.reason}`);
  b.append(`\nreply yes ${a.id}, always ${a.id} or no ${a.id} (or react 👍 / ♾️ / 👎) · expires in ${a.minutesLeft} min`);
  return b.build();
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

export const approvalSessionRestarted = (id: string): string =>
  `Approval ${id} can no longer be used: its session restarted. Claude will ask again if it still needs it.`;

export const noPendingApproval = (id: string | undefined): string => (id ? `No pending approval ${id}.` : 'Nothing is waiting for your approval.');

/** More than one approval fits the answer: ask which one. */
export function severalApprovals(id: string | undefined, pending: readonly { readonly id: string; readonly tool: string; readonly summary: string }[]): string {
  if (id) return `Several approvals have id ${id}; reply to the approval message itself.`;
  const list = pending.map((a) => `\`${a.id}\` ${a.tool}: ${a.summary}`).join('\n');
  return `Several approvals are waiting — say which:\n${list}`;
}
