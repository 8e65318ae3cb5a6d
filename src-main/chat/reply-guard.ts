// Belt and braces against a reply loop (issue 16). The instance mark (signal/protocol/
// instance-mark.ts) already keeps a computer from answering another instance; this guard covers
// whatever might still slip through (an older version without the mark on another computer, a
// bug): per conversation it counts what arrives as the owner's input and what the app sends, and
// when either is beyond anything a person produces it stops answering for a while and says so
// once. Pure: every call takes `now`, so tests drive it with a fake clock.
import type { Conversation as Chat } from '../signal/receive/inbound-events.js';

/** The guard's key for a conversation (inputs and replies of one chat are weighed together). */
export function conversationKey(chat: Chat): string {
  return chat.kind === 'note-to-self' ? 'note-to-self' : `direct:${chat.aci.toLowerCase()}`;
}

export interface ReplyGuardLimits {
  /** The sliding window the counts cover. */
  readonly windowMs: number;
  /**
   * More inputs than this inside the window is not a person typing. Off by default: with the
   * instance mark, every input that reaches the guard is the owner's own, and a guard that drops
   * a burst of them (a paste, a queue the phone delivers at once after being offline) would lose
   * instructions. Replies far beyond inputs are the loop's signature, and that check stays on.
   */
  readonly maxInputs: number;
  /** Replies may exceed inputs by this factor plus `replySlack` (a long turn sends several). */
  readonly replyRatio: number;
  readonly replySlack: number;
  /** How long answering stops once tripped. */
  readonly pauseMs: number;
  /** The owner is told again only after this long without a trip. */
  readonly quietMs: number;
}

export const DEFAULT_REPLY_GUARD_LIMITS: ReplyGuardLimits = {
  windowMs: 60_000,
  maxInputs: Number.POSITIVE_INFINITY,
  replyRatio: 4,
  replySlack: 30,
  pauseMs: 2 * 60_000,
  quietMs: 30 * 60_000,
};

/** What the guard says about one input: answer it, or not (and whether to tell the owner why). */
export type GuardVerdict =
  | { readonly answer: true }
  | { readonly answer: false; readonly tell?: { readonly inputs: number; readonly replies: number; readonly pauseMs: number } };

interface Conversation {
  inputs: number[];
  replies: number[];
  pausedUntil: number;
  lastTripAt: number | undefined;
}

export class ReplyGuard {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly limits: ReplyGuardLimits = DEFAULT_REPLY_GUARD_LIMITS) {}

  /** An input from the owner's side arrived in `conversation`: may it be answered? */
  input(conversation: string, now: number): GuardVerdict {
    const c = this.conversation(conversation, now);
    if (now < c.pausedUntil) return { answer: false };
    c.inputs.push(now);
    return this.check(c, now) ?? { answer: true };
  }

  /** The app sent a message (not an edit) into `conversation`; the next input weighs it. */
  reply(conversation: string, now: number): void {
    this.conversation(conversation, now).replies.push(now);
  }

  /** Whether answering is stopped in `conversation` now. */
  paused(conversation: string, now: number): boolean {
    return now < (this.conversations.get(conversation)?.pausedUntil ?? 0);
  }

  private check(c: Conversation, now: number): GuardVerdict | undefined {
    if (!this.overLimit(c)) return undefined;
    const { pauseMs, quietMs } = this.limits;
    const tellAgain = c.lastTripAt === undefined || now - c.lastTripAt > quietMs;
    const counts = { inputs: c.inputs.length, replies: c.replies.length, pauseMs };
    c.pausedUntil = now + pauseMs;
    c.lastTripAt = now;
    // A fresh window after the pause: the counts that tripped it are spent.
    c.inputs = [];
    c.replies = [];
    return tellAgain ? { answer: false, tell: counts } : { answer: false };
  }

  private overLimit(c: Conversation): boolean {
    const { maxInputs, replyRatio, replySlack } = this.limits;
    return c.inputs.length > maxInputs || c.replies.length > c.inputs.length * replyRatio + replySlack;
  }

  private conversation(key: string, now: number): Conversation {
    let c = this.conversations.get(key);
    if (!c) {
      c = { inputs: [], replies: [], pausedUntil: 0, lastTripAt: undefined };
      this.conversations.set(key, c);
    }
    const since = now - this.limits.windowMs;
    c.inputs = c.inputs.filter((t) => t > since);
    c.replies = c.replies.filter((t) => t > since);
    return c;
  }
}
