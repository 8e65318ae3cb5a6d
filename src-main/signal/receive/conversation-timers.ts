// The disappearing-messages timer of each conversation the app serves, as the phone set it. A
// real phone treats a message without the timer as "timer off", so every message we send must
// carry the current timer and its version (DataMessage fields 5 and 23), or each reply would
// switch off the owner's disappearing messages. Learnt from what the phone sends (messages,
// timer updates, sync transcripts); a change with an older version than the one known is stale
// (Desktop's rule). Kept in the app-state table, written inside the receiver's transaction.
import { z } from 'zod';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import type { Conversation } from './inbound-events.js';

export interface ExpireTimer {
  /** 0 = off. */
  readonly seconds: number;
  readonly version: number;
}

/** What one message said about its conversation's timer. */
export interface TimerObservation {
  readonly conversation: Conversation;
  readonly seconds: number;
  /** Absent from clients that predate timer versions. */
  readonly version: number | undefined;
}

const TimerSchema = z.object({ seconds: z.number().int().min(0), version: z.number().int().min(0) });

function key(conversation: Conversation): string {
  return conversation.kind === 'note-to-self' ? 'signal.expire-timer.note-to-self' : `signal.expire-timer.${conversation.aci}`;
}

export class ConversationTimers {
  constructor(private readonly state: AppStateRepo) {}

  get(conversation: Conversation): ExpireTimer | undefined {
    return this.state.get(key(conversation), TimerSchema);
  }

  /** Records what a message said; returns whether the known timer changed. */
  observe(seen: TimerObservation): boolean {
    const known = this.get(seen.conversation);
    if (known && seen.version !== undefined && seen.version < known.version) return false;
    const next = { seconds: seen.seconds, version: seen.version ?? known?.version ?? 1 };
    if (known && known.seconds === next.seconds && known.version === next.version) return false;
    this.state.set(key(seen.conversation), next);
    return true;
  }
}
