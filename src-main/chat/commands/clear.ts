// /clear, then /clear yes: Claude forgets the project's conversation (as Claude Code's /clear
// does) and the next instruction starts a fresh session. Asked first, because it cannot be
// undone from the phone; the old session's transcript stays in the database.
import { z } from 'zod';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { clearAsk, clearKept, clearNothing, clearNothingAsked, clearUsage, cleared } from '../../display/wording/command-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

/** How long a /clear waits for its "yes". */
export const CLEAR_CONFIRM_MS = 5 * 60_000;

const Pending = z.object({ sessionId: z.string(), askedAt: z.number() });
const key = (projectId: string): string => `project.clear.${projectId}`;

export const clearCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'clear',
    usage: '/clear',
    summary: "forget the conversation (asks first)",
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const runtime = s.supervisor.existingSessionFor(project.id);
      const answer = input.args[0]?.toLowerCase();
      if (answer === undefined) {
        if (!runtime) return { reply: clearNothing(project.name) };
        const messages = runtime.history.list().filter((e) => e.kind === 'user' || e.kind === 'assistant').length;
        // Right after /resume there is no message yet, but Claude carries the desk conversation.
        const summary = s.supervisor.carriesSummary(runtime.id);
        if (messages === 0 && !summary) return { reply: clearNothing(project.name) };
        state.set(key(project.id), { sessionId: runtime.id, askedAt: s.clock.now() });
        return { reply: clearAsk(project.name, messages, CLEAR_CONFIRM_MS / 60_000, summary) };
      }
      if (answer !== 'yes' && answer !== 'no') return { reply: clearUsage };
      const pending = state.get(key(project.id), Pending);
      state.delete(key(project.id));
      // The "yes" counts only for the session it was asked about, and only for a while.
      const valid = pending !== undefined && runtime?.id === pending.sessionId && s.clock.now() - pending.askedAt <= CLEAR_CONFIRM_MS;
      if (!valid) return { reply: clearNothingAsked };
      if (answer === 'no') return { reply: clearKept(project.name) };
      s.supervisor.newSession(project.id);
      return { reply: cleared(project.name) };
    },
  });
