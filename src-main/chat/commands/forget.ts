// /forget, then /forget yes: Claude forgets the project's conversation (like Claude Code's
// /clear) and the next instruction starts a fresh session. Asked first, because it cannot be
// undone from the phone; the old session's transcript stays in the database.
import { z } from 'zod';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { forgetAsk, forgetKept, forgetNothing, forgetNothingAsked, forgetUsage, forgotten } from '../../display/wording/command-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

/** How long a /forget waits for its "yes". */
export const FORGET_CONFIRM_MS = 5 * 60_000;

const Pending = z.object({ sessionId: z.string(), askedAt: z.number() });
const key = (projectId: string): string => `project.forget.${projectId}`;

export const forgetCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'forget',
    usage: '/forget',
    summary: "clear Claude's memory of the project's conversation (asks first)",
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const runtime = s.supervisor.existingSessionFor(project.id);
      const answer = input.args[0]?.toLowerCase();
      if (answer === undefined) {
        const messages = runtime?.history.list().filter((e) => e.kind === 'user' || e.kind === 'assistant').length ?? 0;
        if (!runtime || messages === 0) return { reply: forgetNothing(project.name) };
        state.set(key(project.id), { sessionId: runtime.id, askedAt: s.clock.now() });
        return { reply: forgetAsk(project.name, messages, FORGET_CONFIRM_MS / 60_000) };
      }
      if (answer !== 'yes' && answer !== 'no') return { reply: forgetUsage };
      const pending = state.get(key(project.id), Pending);
      state.delete(key(project.id));
      // The "yes" counts only for the session it was asked about, and only for a while.
      const valid = pending !== undefined && runtime?.id === pending.sessionId && s.clock.now() - pending.askedAt <= FORGET_CONFIRM_MS;
      if (!valid) return { reply: forgetNothingAsked };
      if (answer === 'no') return { reply: forgetKept(project.name) };
      s.supervisor.newSession(project.id);
      return { reply: forgotten(project.name) };
    },
  });
