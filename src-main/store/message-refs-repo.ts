// Which of the messages we sent belong to which project, session or approval — so that the
// owner can reply (quote) to a message to address its session, or react 👍 to an approval.
import type { Store } from './database.js';

export type MessageRefKind = 'progress' | 'final' | 'approval' | 'notice';

export interface MessageRef {
  readonly timestamp: number;
  readonly projectId: string | undefined;
  readonly sessionId: string | undefined;
  readonly kind: MessageRefKind;
  readonly approvalId: string | undefined;
}

type Row = { timestamp: number; project_id: string | null; session_id: string | null; kind: string; approval_id: string | null };

export class MessageRefsRepo {
  constructor(private readonly store: Store) {}

  add(ref: MessageRef): void {
    this.store.db
      .prepare('INSERT OR REPLACE INTO message_refs (timestamp, project_id, session_id, kind, approval_id) VALUES (?, ?, ?, ?, ?)')
      .run([ref.timestamp, ref.projectId ?? null, ref.sessionId ?? null, ref.kind, ref.approvalId ?? null]);
  }

  get(timestamp: number): MessageRef | undefined {
    const r = this.store.db.prepare('SELECT * FROM message_refs WHERE timestamp = ?').get<Row>([timestamp]);
    if (!r) return undefined;
    return { timestamp: r.timestamp, projectId: r.project_id ?? undefined, sessionId: r.session_id ?? undefined, kind: r.kind as MessageRefKind, approvalId: r.approval_id ?? undefined };
  }
}
