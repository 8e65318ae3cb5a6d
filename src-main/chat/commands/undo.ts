// /undo: puts back the files Claude's last turn changed (Write/Edit before-images), newest turn
// first on repeated use. Changes made by shell commands are not tracked and say so.
import { z } from 'zod';
import { revertFileChanges } from '../../agent/index.js';
import { describeError } from '../../shared/errors.js';
import { changesByTurn } from '../../sessions/file-history.js';
import { nothingToUndo, undoFailed, undoNoSession, undoNothingLeft, undone, undoWhileWorking } from '../../display/wording/command-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';

interface UndoPlan {
  readonly turnId?: string;
  readonly restored?: string[];
  readonly problem?: string;
}

const undoneKey = (sessionId: string) => `undo.${sessionId}`;

export function undoCommand(settings: AppStateRepo) {
  return defineCommand<UndoPlan>({
    name: 'undo',
    usage: '/undo',
    summary: "put back the files Claude's last turn changed",
    prepare: async (s, input) => {
      if (!input.project) return {};
      const runtime = s.supervisor.existingSessionFor(input.project.id);
      if (!runtime) return { problem: undoNoSession };
      if (runtime.state === 'active') return { problem: undoWhileWorking };
      const undone = settings.get(undoneKey(runtime.id), z.array(z.string())) ?? [];
      const turn = changesByTurn(s.supervisor.storedSteps(runtime.id)).filter((t) => !undone.includes(t.turnId)).at(-1);
      if (!turn) return { problem: undoNothingLeft };
      try {
        // Restoring before-images is idempotent, so a repeat after a crash gives the same files.
        // Files in the added folders the owner confirmed come back too (the worker's last word on them).
        const added = runtime.addedFolders.filter((f) => f.confirmed).map((f) => f.path);
        return { turnId: turn.turnId, restored: await revertFileChanges(input.project.path, turn.changes, { added }) };
      } catch (error) {
        return { problem: undoFailed(describeError(error)) };
      }
    },
    run: (s, input, plan) => {
      if (!input.project) return { reply: NO_PROJECT };
      if (!plan?.turnId || !plan.restored) return { reply: plan?.problem ?? nothingToUndo };
      const runtime = s.supervisor.existingSessionFor(input.project.id);
      if (runtime) {
        const undone = settings.get(undoneKey(runtime.id), z.array(z.string())) ?? [];
        settings.set(undoneKey(runtime.id), [...undone, plan.turnId]);
      }
      return { reply: undone(plan.restored) };
    },
  });
}
