// Deleting a removed project's history when the owner asks for it (/forget <project> delete, or
// the app's "Remove project…"): every row its sessions left (transcript steps, turns, approvals,
// message routes), the sessions, the project row and its per-project app state. In one place,
// so a table added later is deleted here too; children first, as the foreign keys require.
import type { Store } from './database.js';

export interface DeletedHistory {
  readonly sessions: number;
  readonly steps: number;
  readonly turns: number;
  readonly approvals: number;
}

/** Call inside a transaction. The project's folder on disk is never touched. */
export function deleteProjectHistory(store: Store, projectId: string): DeletedHistory {
  const db = store.db;
  const ofProject = 'session_id IN (SELECT id FROM sessions WHERE project_id = ?)';
  const steps = db.prepare(`DELETE FROM steps WHERE ${ofProject}`).run([projectId]).changes;
  const approvals = db.prepare(`DELETE FROM approvals WHERE ${ofProject}`).run([projectId]).changes;
  const turns = db.prepare(`DELETE FROM turns WHERE ${ofProject}`).run([projectId]).changes;
  db.prepare(`DELETE FROM message_refs WHERE project_id = ? OR ${ofProject}`).run([projectId, projectId]);
  const sessions = db.prepare('DELETE FROM sessions WHERE project_id = ?').run([projectId]).changes;
  // Per-project choices are stored as "project.<what>.<id>" (notify level, network, questions).
  db.prepare("DELETE FROM settings WHERE key LIKE 'project.%' AND substr(key, -length(?)) = ? AND substr(key, -length(?) - 1, 1) = '.'").run([projectId, projectId, projectId]);
  db.prepare('DELETE FROM projects WHERE id = ?').run([projectId]);
  return { sessions, steps, turns, approvals };
}
