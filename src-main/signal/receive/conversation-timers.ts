// The disappearing-messages timer of each conversation the app serves, as the phone set it. A
// real phone treats a message without the timer as "timer off", so every message we send must
// carry the current timer and its version (DataMessage fields 5 and 23), or each reply would
// switch off the owner's disappearing messages. Learnt from what the phone sends (messages,
// timer updates, sync transcripts); a change with an older version than the one known is stale
// (Desktop's rule). Kept in the app-state table, written inside the receiver's transaction.
// Read for every message received and sent, so kept in memory too: this class is the only
// writer of these keys; after a failed transaction the receiver calls forget().
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
  /** Known timers by key; `null`: the table has none. */
  private readonly known = new Map<string, ExpireTimer | null>();

  constructor(private readonly state: AppStateRepo) {}

  get(conversation: Conversation): ExpireTimer | undefined {
    const k = key(conversation);
    let timer = this.known.get(k);
    if (timer === undefined) {
      timer = this.state.get(k, TimerSchema) ?? null;
      this.known.set(k, timer);
    }
    return timer ?? undefined;
  }

  /** Drops what is kept in memory (a transaction that wrote a timer was rolled back). */
  forget(): void {
    this.known.clear();
  }

  /** Records what a message said; returns whether the known timer changed. */
  observe(seen: TimerObservation): boolean {
    const known = this.get(seen.conversation);
    if (known && seen.version !== undefined && seen.version < known.version) return false;
    const next = { seconds: seen.seconds, version: seen.version ?? known?.version ?? 1 };
    if (known && known.seconds === next.seconds && known.version === next.version) return false;
    this.state.set(key(seen.conversation), next);
    this.known.set(key(seen.conversation), next);
    return true;
  }
}
