// What one phone message leads to: a decision run inside the transaction that marks it handled,
// and the session it concerns. Shared by the chat service and the several-computers routing.
import type { SessionRef } from '../sessions/reply-sink.js';
import type { Decision, Reply } from './instruction-content.js';

export interface Outcome {
  readonly commit: Decision;
  readonly ref?: SessionRef | undefined;
}

/** The message is handled and nothing is said (another computer answers, or nothing to do). */
export const nothing: Outcome = { commit: () => ({}) };

export const say = (reply: Reply | undefined, after?: () => void | Promise<void>): Outcome => ({ commit: () => ({ reply, after }) });
