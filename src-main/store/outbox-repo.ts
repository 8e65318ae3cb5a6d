// Every outgoing Signal message, stored before the first send attempt. The sender job picks due
// rows, and records the outcome: sent, retry later (with the error), failed for good, or
// expired (typing indicators and other messages that are pointless when late).
import type { Store } from './database.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'expired';

export interface OutboxRow {
  readonly id: number;
  readonly createdAt: number;
  /** The message's Signal timestamp: its id for the recipient (edits and reactions point at it). */
  readonly sentTimestamp: number;
  readonly kind: string;
  readonly payloadJson: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly expiresAt: number | null;
  readonly lastError: string | null;
  readonly sentAt: number | null;
}

type Row = {
  id: number;
  created_at: number;
  sent_timestamp: number;
  kind: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  expires_at: number | null;
  last_error: string | null;
  sent_at: number | null;
};

const UNDELIVERED = "status IN ('failed', 'expired') AND kind IN ('message', 'edit')";

export class OutboxRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a message to send and gives it a timestamp later than any earlier one (Signal
   * recognises a message by sender and timestamp, so two must never share one).
   */
  enqueue(kind: string, payloadJson: string, options: { ttlMs?: number } = {}): { id: number; sentTimestamp: number } {
    const now = this.now();
    const last = Number(this.store.db.prepare('SELECT coalesce(max(sent_timestamp), 0) FROM signal_outbox', { pluck: true }).get());
    const sentTimestamp = Math.max(now, last + 1);
    const id = this.store.db
      .prepare(
        `INSERT INTO signal_outbox (created_at, sent_timestamp, kind, payload, status, next_attempt_at, expires_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run([now, sentTimestamp, kind, payloadJson, now, options.ttlMs === undefined ? null : now + options.ttlMs]).lastInsertRowid;
    return { id, sentTimestamp };
  }

  get(id: number): OutboxRow | undefined {
    const row = this.store.db.prepare('SELECT * FROM signal_outbox WHERE id = ?').get<Row>([id]);
    return row ? toOutbox(row) : undefined;
  }

  /** Pending rows whose next attempt is due, oldest first. */
  due(limit = 20): OutboxRow[] {
    return this.store.db
      .prepare("SELECT * FROM signal_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?")
      .all<Row>([this.now(), limit])
      .map(toOutbox);
  }

  /** When the earliest pending row becomes due (undefined when nothing is pending). */
  nextDueAt(): number | undefined {
    const value = this.store.db.prepare("SELECT min(next_attempt_at) FROM signal_outbox WHERE status = 'pending'", { pluck: true }).get();
    return typeof value === 'number' ? value : undefined;
  }

  /** When the oldest row still waiting to be sent was written (undefined when none waits). */
  oldestPendingAt(): number | undefined {
    const value = this.store.db.prepare("SELECT min(created_at) FROM signal_outbox WHERE status = 'pending'", { pluck: true }).get();
    return typeof value === 'number' ? value : undefined;
  }

  countPending(): number {
    return Number(this.store.db.prepare("SELECT count(*) FROM signal_outbox WHERE status = 'pending'", { pluck: true }).get());
  }

  /**
   * Messages the owner would have read that ended undelivered (failed for good, or expired),
   * newest first; typing indicators, reactions and presence notes do not count.
   */
  undelivered(afterId = 0, limit = 20): OutboxRow[] {
    return this.store.db
      .prepare(`SELECT * FROM signal_outbox WHERE ${UNDELIVERED} AND id > ? ORDER BY id DESC LIMIT ?`)
      .all<Row>([afterId, limit])
      .map(toOutbox);
  }

  countUndelivered(afterId = 0): number {
    return Number(this.store.db.prepare(`SELECT count(*) FROM signal_outbox WHERE ${UNDELIVERED} AND id > ?`, { pluck: true }).get([afterId]));
  }

  /** Sent; `bodyExpiresAt`: when its body is deleted (the conversation's disappearing-messages timer). */
  markSent(id: number, bodyExpiresAt?: number): void {
    this.store.db
      .prepare("UPDATE signal_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, body_expires_at = ? WHERE id = ?")
      .run([this.now(), bodyExpiresAt ?? null, id]);
  }

  retryAt(id: number, nextAttemptAt: number, error: string): void {
    this.store.db
      .prepare('UPDATE signal_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?')
      .run([nextAttemptAt, error, id]);
  }

  /** Makes every pending row due now (something that blocked them was resolved). */
  retryAllNow(): number {
    return this.store.db.prepare("UPDATE signal_outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?").run([this.now(), this.now()]).changes;
  }

  markFailed(id: number, error: string): void {
    this.store.db.prepare("UPDATE signal_outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?").run([error, id]);
  }

  markExpired(id: number): void {
    this.store.db.prepare("UPDATE signal_outbox SET status = 'expired' WHERE id = ?").run([id]);
  }

  /** Updates the stored payload (e.g. with attachment pointers once uploaded). */
  updatePayload(id: number, payloadJson: string): void {
    this.store.db.prepare('UPDATE signal_outbox SET payload = ? WHERE id = ?').run([payloadJson, id]);
  }
}

function toOutbox(row: Row): OutboxRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    sentTimestamp: row.sent_timestamp,
    kind: row.kind,
    payloadJson: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}
