// What this device sent, kept for a day so a recipient that could not decrypt a message can
// have the same content again (Signal Desktop keeps such a log for its retry requests). Rows
// are keyed by recipient and timestamp: a retry request names both, so one account can never
// obtain what was sent to another. Older rows are pruned as new ones arrive.
import type { Store } from './database.js';

/** How long sent content can be asked for again. */
export const SEND_LOG_MS = 24 * 60 * 60 * 1000;

export interface LoggedContent {
  readonly content: Uint8Array;
  readonly urgent: boolean;
  readonly loggedAt: number;
}

export class SendLogRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records (or replaces) what went to `recipient` with `timestamp`, and drops expired rows. */
  record(recipient: string, timestamp: number, content: Uint8Array, urgent: boolean): void {
    const now = this.now();
    this.store.transaction(() => {
      this.store.db
        .prepare(
          `INSERT INTO signal_send_log (recipient, sent_timestamp, content, urgent, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(recipient, sent_timestamp) DO UPDATE SET content = excluded.content, urgent = excluded.urgent, created_at = excluded.created_at`,
        )
        .run([recipient, timestamp, new Uint8Array(content), urgent ? 1 : 0, now]);
      this.prune(now);
    });
  }

  /** The content sent to `recipient` with `timestamp`, if it is still in the log. */
  find(recipient: string, timestamp: number): LoggedContent | undefined {
    const row = this.store.db
      .prepare('SELECT content, urgent, created_at FROM signal_send_log WHERE recipient = ? AND sent_timestamp = ? AND created_at > ?')
      .get<{ content: Uint8Array<ArrayBuffer>; urgent: number; created_at: number }>([recipient, timestamp, this.now() - SEND_LOG_MS]);
    return row ? { content: new Uint8Array(row.content), urgent: row.urgent === 1, loggedAt: row.created_at } : undefined;
  }

  /** Rows in the log (expired ones included until the next prune). */
  size(): number {
    return Number(this.store.db.prepare('SELECT count(*) FROM signal_send_log', { pluck: true }).get());
  }

  /** Drops rows older than a day. */
  prune(now = this.now()): number {
    return this.store.db.prepare('DELETE FROM signal_send_log WHERE created_at <= ?').run([now - SEND_LOG_MS]).changes;
  }
}
