// A session's transcript: the agent worker's committed steps, in order, as the worker sent
// them. Everything is kept (compaction adds a summary step; it never deletes), so a session can
// resume after a restart and the owner can read its whole history.
import type { Store } from './database.js';

export interface StoredStep {
  readonly seq: number;
  readonly turnId: string;
  readonly kind: string;
  readonly at: number;
  /** The step as the worker committed it (checked with the agent's schema when read). */
  readonly body: unknown;
}

type Row = { seq: number; turn_id: string; kind: string; at: number; body: string };

export class StepsRepo {
  constructor(private readonly store: Store) {}

  /** Appends a step; a step already stored (same seq) is ignored, so replays are harmless. */
  append(sessionId: string, step: { seq: number; turnId: string; kind: string; at: number }): boolean {
    return (
      this.store.db
        .prepare('INSERT OR IGNORE INTO steps (session_id, seq, turn_id, kind, body, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run([sessionId, step.seq, step.turnId, step.kind, JSON.stringify(step), step.at]).changes === 1
    );
  }

  /** Whether the session has a step of `kind` (one indexed lookup, not the whole transcript). */
  has(sessionId: string, kind: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM steps WHERE session_id = ? AND kind = ? LIMIT 1').get([sessionId, kind]) !== undefined;
  }

  all(sessionId: string): StoredStep[] {
    return this.store.db
      .prepare('SELECT seq, turn_id, kind, at, body FROM steps WHERE session_id = ? ORDER BY seq')
      .all<Row>([sessionId])
      .map((r) => ({ seq: r.seq, turnId: r.turn_id, kind: r.kind, at: r.at, body: JSON.parse(r.body) as unknown }));
  }

  /** The last `limit` steps (the in-memory history the UI and /history show). */
  tail(sessionId: string, limit: number): StoredStep[] {
    return this.store.db
      .prepare('SELECT seq, turn_id, kind, at, body FROM (SELECT * FROM steps WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all<Row>([sessionId, limit])
      .map((r) => ({ seq: r.seq, turnId: r.turn_id, kind: r.kind, at: r.at, body: JSON.parse(r.body) as unknown }));
  }

  forTurn(sessionId: string, turnId: string): StoredStep[] {
    return this.store.db
      .prepare('SELECT seq, turn_id, kind, at, body FROM steps WHERE session_id = ? AND turn_id = ? ORDER BY seq')
      .all<Row>([sessionId, turnId])
      .map((r) => ({ seq: r.seq, turnId: r.turn_id, kind: r.kind, at: r.at, body: JSON.parse(r.body) as unknown }));
  }

  lastSeq(sessionId: string): number {
    return Number(this.store.db.prepare('SELECT COALESCE(MAX(seq), -1) FROM steps WHERE session_id = ?', { pluck: true }).get([sessionId]));
  }
}
