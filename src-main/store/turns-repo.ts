// Turns: one instruction for a session and its outcome. A turn started by a phone message
// carries that message's inbox id, unique, so a redelivered or re-read message can never start
// a second turn.
import type { Store } from './database.js';

export type TurnStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export interface TurnRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly inboxId: number | undefined;
  readonly status: TurnStatus;
  /** The user content blocks (text, images, documents) as JSON. */
  readonly content: unknown;
  readonly createdAt: number;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: string | undefined;
}

type Row = {
  id: string;
  session_id: string;
  inbox_id: number | null;
  status: string;
  content: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
};

function toRecord(r: Row): TurnRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    inboxId: r.inbox_id ?? undefined,
    status: r.status as TurnStatus,
    content: JSON.parse(r.content) as unknown,
    createdAt: r.created_at,
    startedAt: r.started_at ?? undefined,
    endedAt: r.ended_at ?? undefined,
    endReason: r.end_reason ?? undefined,
  };
}

export class TurnsRepo {
  constructor(private readonly store: Store) {}

  enqueue(turn: { id: string; sessionId: string; inboxId: number | undefined; content: unknown; at: number }): TurnRecord {
    this.store.db
      .prepare("INSERT INTO turns (id, session_id, inbox_id, status, content, created_at) VALUES (?, ?, ?, 'queued', ?, ?)")
      .run([turn.id, turn.sessionId, turn.inboxId ?? null, JSON.stringify(turn.content), turn.at]);
    return this.get(turn.id)!;
  }

  get(id: string): TurnRecord | undefined {
    const row = this.store.db.prepare('SELECT * FROM turns WHERE id = ?').get<Row>([id]);
    return row ? toRecord(row) : undefined;
  }

  byInbox(inboxId: number): TurnRecord | undefined {
    const row = this.store.db.prepare('SELECT * FROM turns WHERE inbox_id = ?').get<Row>([inboxId]);
    return row ? toRecord(row) : undefined;
  }

  /** Unfinished turns of a session in order: the running one (if any) first, then the queue. */
  open(sessionId: string): TurnRecord[] {
    return this.store.db
      .prepare("SELECT * FROM turns WHERE session_id = ? AND status IN ('running', 'queued') ORDER BY status = 'queued', created_at, rowid")
      .all<Row>([sessionId])
      .map(toRecord);
  }

  markRunning(id: string, at: number): void {
    this.store.db.prepare("UPDATE turns SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ?").run([at, id]);
  }

  finish(id: string, status: Exclude<TurnStatus, 'queued' | 'running'>, at: number, reason: string | undefined): void {
    this.store.db.prepare('UPDATE turns SET status = ?, ended_at = ?, end_reason = ? WHERE id = ?').run([status, at, reason ?? null, id]);
  }

  /** Cancels every queued turn of a session (after /stop), returning how many there were. */
  cancelQueued(sessionId: string, at: number): number {
    return this.store.db
      .prepare("UPDATE turns SET status = 'cancelled', ended_at = ?, end_reason = 'stopped' WHERE session_id = ? AND status = 'queued'")
      .run([at, sessionId]).changes;
  }

  recent(sessionId: string, limit: number): TurnRecord[] {
    return this.store.db
      .prepare('SELECT * FROM turns WHERE session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all<Row>([sessionId, limit])
      .map(toRecord);
  }
}
