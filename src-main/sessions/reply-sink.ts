// What the sessions layer says to the owner, without knowing how it reaches the phone. The chat
// layer implements it over the durable outbox (display/ renders, signal/ sends). Every method
// except `typing` is called inside the caller's store transaction, together with the state
// change it reports, so a reply is stored exactly when its cause is.
import type { RenderedText } from '../display/types.js';
import type { ApprovalSubject } from '../display/approval-subject.js';
import type { ChangedFile } from '../display/wording/session-notices.js';
import type { ProgressUpdate } from './progress.js';

export interface SessionRef {
  readonly sessionId: string;
  readonly projectId: string;
  readonly projectName: string;
}

export interface FinalAnswer {
  readonly turnId: string;
  /** Claude's Markdown, or a short explanation when the turn did not end normally. */
  readonly markdown: string;
  readonly reason: 'end_turn' | 'stop_sequence' | 'refusal' | 'cancelled' | 'error';
  readonly costUsd: number | null;
  readonly steps: number;
  /** Files the turn's tools changed (listed at the end of the answer). */
  readonly changedFiles?: readonly ChangedFile[] | undefined;
}

export interface ApprovalRequest {
  readonly id: string;
  readonly tool: string;
  readonly summary: string;
  readonly reason: string;
  readonly expiresAt: number;
  /** What the call would do (change, command, URL), when the tool said. */
  readonly subject?: ApprovalSubject | undefined;
  /** Claude's text before the call. */
  readonly intent?: string | undefined;
}

export interface ReplySink {
  /** A progress message of a turn: a new (silent) one, or an edit of an earlier one. */
  progress(ref: SessionRef, turnId: string, update: ProgressUpdate): void;
  /** The turn's answer: one notifying message (plus attachments when long). */
  finalAnswer(ref: SessionRef, answer: FinalAnswer): void;
  /** A notifying request carrying the reply hint "reply yes ID, always ID or no ID". */
  approvalRequest(ref: SessionRef, approval: ApprovalRequest): void;
  /** Anything else worth telling: crashes, recoveries, expired approvals. */
  notice(ref: SessionRef | undefined, text: RenderedText | string, options: { readonly notify: boolean; readonly ttlMs?: number }): void;
  /** Typing indicator while Claude works (best effort, never stored for later). */
  typing(ref: SessionRef, on: boolean): void;
}
