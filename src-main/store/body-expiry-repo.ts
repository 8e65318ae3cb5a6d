// Disappearing messages on this computer's disk: the stored bodies of messages whose
// conversation has a timer are deleted when it runs out, as the phone deletes them. What goes:
// the event of a handled inbox row (text, quote, attachment list), the payload of a sent outbox
// row (reply text, edits, transcripts), the bytes of their attachments, and the send log's copy.
// The rows stay (their ids, timestamps and status), so a repeat delivery is still recognised.
// An inbox row not handled yet keeps its body until it is: the owner's message is never lost.
import type { Store } from './database.js';

/** What an expired body is replaced with. */
export const EXPIRED_BODY = '{"expired":true}';

export interface ExpiredCounts {
  readonly inbox: number;
  readonly outbox: number;
}

export class BodyExpiryRepo {
  constructor(private readonly store: Store) {}

  /** When the next body is due to go (undefined: none has a timer). */
  nextAt(): number | undefined {
    const value = this.store.db
      .prepare(
        `SELECT min(at) FROM (
           SELECT min(body_expires_at) AS at FROM signal_inbox WHERE body_expires_at IS NOT NULL AND handled_at IS NOT NULL
           UNION ALL SELECT min(body_expires_at) FROM signal_outbox WHERE body_expires_at IS NOT NULL)`,
        { pluck: true },
      )
      .get();
    return typeof value === 'number' ? value : undefined;
  }

  /** Deletes every body due at `now`, in one transaction. */
  expireDue(now: number): ExpiredCounts {
    const db = this.store.db;
    return this.store.transaction(() => {
      const inboxIds = db.prepare('SELECT id FROM signal_inbox WHERE body_expires_at <= ? AND handled_at IS NOT NULL', { pluck: true }).all([now]) as number[];
      const outbox = db.prepare('SELECT id, sent_timestamp FROM signal_outbox WHERE body_expires_at <= ?').all<{ id: number; sent_timestamp: number }>([now]);
      for (const id of inboxIds) {
        db.prepare('UPDATE signal_inbox SET event = ?, body_expires_at = NULL WHERE id = ?').run([EXPIRED_BODY, id]);
        db.prepare("DELETE FROM signal_attachments WHERE direction = 'in' AND owner_id = ?").run([id]);
      }
      for (const row of outbox) {
        db.prepare('UPDATE signal_outbox SET payload = ?, body_expires_at = NULL WHERE id = ?').run([EXPIRED_BODY, row.id]);
        db.prepare("DELETE FROM signal_attachments WHERE direction = 'out' AND owner_id = ?").run([row.id]);
        // Outbox timestamps are unique, so this is exactly that message's copies (recipient and transcript).
        db.prepare('DELETE FROM signal_send_log WHERE sent_timestamp = ?').run([row.sent_timestamp]);
      }
      return { inbox: inboxIds.length, outbox: outbox.length };
    });
  }
}
