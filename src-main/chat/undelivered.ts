// Replies that ended undelivered (the outbox gave up on them, or they expired) made visible:
// counted for the health problem until the owner lists them with /undelivered, and summed up
// once in one message when the link works again. Two marks in the app state (the highest
// outbox id summarised, the highest listed) keep each of those to once, across restarts.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';
import type { OutboxRepo, OutboxRow } from '../store/outbox-repo.js';
import type { UndeliveredItem } from '../display/wording/undelivered.js';

const SUMMARISED = 'undelivered.summarisedUpTo';
const SEEN = 'undelivered.seenUpTo';
/** The /undelivered list shows this many, newest first. */
export const UNDELIVERED_LIST_LIMIT = 10;

const PayloadPreview = z.object({ body: z.string().optional(), attachmentIds: z.array(z.number()).default([]) });

export class Undelivered {
  constructor(
    private readonly state: AppStateRepo,
    private readonly outbox: OutboxRepo,
  ) {}

  /** How many the owner has not listed yet (the health problem's count). */
  unseen(): number {
    return this.outbox.countUndelivered(this.mark(SEEN));
  }

  /** What the next summary covers, or nothing when every undelivered reply was summarised. */
  toSummarise(): { count: number; oldestAt: number; upTo: number } | undefined {
    const after = this.mark(SUMMARISED);
    const count = this.outbox.countUndelivered(after);
    if (count === 0) return undefined;
    const rows = this.outbox.undelivered(after, count);
    return { count, oldestAt: Math.min(...rows.map((r) => r.createdAt)), upTo: rows[0]?.id ?? after };
  }

  /** The summary up to `upTo` was queued (call in the same transaction). */
  summarised(upTo: number): void {
    this.state.set(SUMMARISED, Math.max(upTo, this.mark(SUMMARISED)));
  }

  /** The newest ones for /undelivered, and marks every one listed (and summarised) as seen. */
  list(): { items: UndeliveredItem[]; total: number } {
    const total = this.outbox.countUndelivered(0);
    const rows = this.outbox.undelivered(0, UNDELIVERED_LIST_LIMIT);
    const newest = rows[0]?.id;
    if (newest !== undefined) {
      this.state.set(SEEN, newest);
      this.summarised(newest);
    }
    return { items: rows.map(toItem), total };
  }

  private mark(key: string): number {
    return this.state.get(key, z.number().int()) ?? 0;
  }
}

function toItem(row: OutboxRow): UndeliveredItem {
  let preview: z.infer<typeof PayloadPreview> = { attachmentIds: [] };
  try {
    preview = PayloadPreview.parse(JSON.parse(row.payloadJson));
  } catch {
    // A payload that no longer parses is listed with its reason alone.
  }
  return { createdAt: row.createdAt, text: preview.body ?? '', attachments: preview.attachmentIds.length, why: row.status === 'expired' ? 'expired before it could be sent' : row.lastError };
}
