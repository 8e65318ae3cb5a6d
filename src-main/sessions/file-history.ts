// File changes recorded by a session's Write/Edit tool results (before-images), per turn: what
// /undo reverts and what /diff shows for a project that is not a git repository.
import { FileChangeSchema, type FileChange } from '../agent/file-changes.js';
import type { StoredStep } from '../store/steps-repo.js';

export interface TurnChanges {
  readonly turnId: string;
  /** In the order they happened; the first before-image of a path is its state before the turn. */
  readonly changes: FileChange[];
}

/** The file changes of each turn, oldest turn first; turns without changes are left out. */
export function changesByTurn(steps: readonly StoredStep[]): TurnChanges[] {
  const turns = new Map<string, FileChange[]>();
  for (const s of steps) {
    if (s.kind !== 'tool_result') continue;
    const raw = (s.body as { fileChanges?: unknown }).fileChanges;
    if (!Array.isArray(raw)) continue;
    for (const c of raw) {
      const parsed = FileChangeSchema.safeParse(c);
      if (!parsed.success) continue;
      const list = turns.get(s.turnId) ?? [];
      list.push(parsed.data);
      turns.set(s.turnId, list);
    }
  }
  return [...turns].map(([turnId, changes]) => ({ turnId, changes }));
}

/** For each path touched in the session, its content before the first change. */
export function sessionBaselines(steps: readonly StoredStep[]): Map<string, FileChange['before']> {
  const first = new Map<string, FileChange['before']>();
  for (const turn of changesByTurn(steps)) for (const c of turn.changes) if (!first.has(c.path)) first.set(c.path, c.before);
  return first;
}
