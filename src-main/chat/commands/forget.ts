// /forget <project>: removes a project from this computer's list. It asks first and names both
// answers: `/forget <project> keep` keeps its history on disk (adding the folder again brings it
// back), `/forget <project> delete` deletes it. Either way its session ends, waiting approvals
// are cancelled, and the folder is not touched. `/forget` alone points to /clear, which is what
// it used to mean.
import { z } from 'zod';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { HISTORY_CHOICES, type HistoryChoice, type ProjectRemoval } from '../../sessions/project-removal.js';
import { forgetAsk, forgetChoiceUsage, forgetUsage, forgotten, noSuchProject } from '../../display/wording/index.js';
import { defineCommand } from '../command.js';

/** How long the question waits for its answer. */
export const FORGET_CONFIRM_MS = 5 * 60_000;

const Asked = z.object({ askedAt: z.number() });
const key = (projectId: string): string => `project.forget.${projectId}`;

export const forgetCommand = (state: AppStateRepo, removal: ProjectRemoval) =>
  defineCommand({
    name: 'forget',
    usage: '/forget <project>',
    summary: 'remove a project (asks first)',
    run: (s, input) => {
      const [name, choice] = input.args;
      if (!name) return { reply: forgetUsage };
      const project = s.projects.find(name);
      // Removing is too much to guess at: a prefix must name the project exactly.
      if (!project || project.name.toLowerCase() !== name.toLowerCase()) return { reply: noSuchProject(name) };
      const answer = choice?.toLowerCase();
      if (answer !== undefined && !HISTORY_CHOICES.includes(answer as HistoryChoice)) return { reply: forgetChoiceUsage(project.name) };
      const asked = state.get(key(project.id), Asked);
      const now = s.clock.now();
      if (answer === undefined || asked === undefined || now - asked.askedAt > FORGET_CONFIRM_MS) {
        // No question open: this message asks it (a choice sent straight away is asked about too).
        state.set(key(project.id), { askedAt: now });
        const runtime = s.supervisor.existingSessionFor(project.id);
        const stakes = {
          running: runtime?.turnProgress !== undefined,
          queued: runtime ? s.supervisor.queuedTurnCount(runtime.id) : 0,
          approvals: runtime ? s.approvals.pendingForSession(runtime.id).length : 0,
        };
        return { reply: forgetAsk(project.name, project.path, stakes, FORGET_CONFIRM_MS / 60_000) };
      }
      state.delete(key(project.id));
      return { reply: forgotten(removal.remove(project, answer as HistoryChoice)), detached: true };
    },
  });
