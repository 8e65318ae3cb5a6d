// Approval requests as stored: what Claude wants to run that needs the owner's yes. Found by
// their short id (from "yes 4f2a") or by the phone message that carried them (a 👍 reaction).
// Only the approvals module (this folder) reads and writes them.
import type { ApprovalDecision } from '../../shared/api.js';
import type { Store } from '../../store/database.js';

/** How an approval ended: the owner's decision, or no answer in time, or its worker went away. */
export type ApprovalOutcome = ApprovalDecision | 'expired' | 'cancelled';
export type ApprovalStatus = 'pending' | ApprovalOutcome;

// The table keeps the words it was created with (rows of earlier versions use them too).
const STORED: Readonly<Record<ApprovalOutcome, string>> = { once: 'allow_once', always: 'allow_session', deny: 'deny', expired: 'expired', cancelled: 'cancelled' };
const FROM_STORED: Readonly<Record<string, ApprovalStatus>> = { pending: 'pending', allow_once: 'once', allow_session: 'always', deny: 'deny', expired: 'expired', cancelled: 'cancelled' };

export interface ApprovalRecord {
  readonly sessionId: string;
  readonly id: string;
  readonly turnId: string;
  readonly tool: string;
  readonly summary: string;
  readonly sessionRule: string | undefined;
  readonly status: ApprovalStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
}

type Row = {
  session_id: string;
  id: string;
  turn_id: string;
  tool: string;
  summary: string;
  session_rule: string | null;
  status: string;
  created_at: number;
  expires_at: number;
};

function toRecord(r: Row): ApprovalRecord {
  return {
    sessionId: r.session_id,
    id: r.id,
    turnId: r.turn_id,
    tool: r.tool,
    summary: r.summary,
    sessionRule: r.session_rule ?? undefined,
    status: FROM_STORED[r.status] ?? 'cancelled',
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export class ApprovalsRepo {
  constructor(private readonly store: Store) {}

  add(a: Omit<ApprovalRecord, 'status'>): void {
    this.store.db
      .prepare(
        "INSERT OR IGNORE INTO approvals (session_id, id, turn_id, tool, summary, session_rule, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
      )
      .run([a.sessionId, a.id, a.turnId, a.tool, a.summary, a.sessionRule ?? null, a.createdAt, a.expiresAt]);
  }

  pending(): ApprovalRecord[] {
    return this.store.db.prepare("SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at").all<Row>().map(toRecord);
  }

  /** The newest approval with this id, whatever became of it, if asked since `since`. */
  latestById(id: string, since: number): ApprovalRecord | undefined {
    const row = this.store.db.prepare('SELECT * FROM approvals WHERE id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1').get<Row>([id.toLowerCase(), since]);
    return row ? toRecord(row) : undefined;
  }

  pendingById(id: string): ApprovalRecord[] {
    return this.store.db.prepare("SELECT * FROM approvals WHERE status = 'pending' AND id = ?").all<Row>([id.toLowerCase()]).map(toRecord);
  }

  pendingForSession(sessionId: string): ApprovalRecord[] {
    return this.store.db.prepare("SELECT * FROM approvals WHERE status = 'pending' AND session_id = ? ORDER BY created_at").all<Row>([sessionId]).map(toRecord);
  }

  /** Records the outcome; false when it was no longer pending (answered twice, or expired). */
  resolve(sessionId: string, id: string, outcome: ApprovalOutcome, by: string, at: number): boolean {
    return (
      this.store.db
        .prepare("UPDATE approvals SET status = ?, answered_by = ?, answered_at = ? WHERE session_id = ? AND id = ? AND status = 'pending'")
        .run([STORED[outcome], by, at, sessionId, id]).changes === 1
    );
  }

  /** Marks every pending approval of a session cancelled (its worker went away). */
  cancelForSession(sessionId: string, at: number): number {
    return this.store.db
      .prepare("UPDATE approvals SET status = 'cancelled', answered_by = 'system', answered_at = ? WHERE session_id = ? AND status = 'pending'")
      .run([at, sessionId]).changes;
  }
}
