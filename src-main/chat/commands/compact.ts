// /compact [instructions]: summarize the project's conversation now, as Claude Code's /compact
// does, with the owner's optional instructions for the summary ("focus on the API changes").
// It is queued as a turn (sessions/compaction-turn.ts), so a busy session runs it after the
// running instruction; the answer comes when the summary is made.
import { compactQueued, nothingToCompact } from '../../display/wording/compact-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const compactCommand = defineCommand({
  name: 'compact',
  usage: '/compact [instructions]',
  summary: "summarize the conversation to free context",
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const project = input.project;
    const instructions = input.rest.trim() || undefined;
    const queued = s.supervisor.enqueueCompaction(project.id, instructions);
    if (!queued) return { reply: nothingToCompact(project.name) };
    return {
      ...(queued.ahead > 0 ? { reply: compactQueued(project.name, queued.ahead) } : {}),
      after: () => s.supervisor.kick(queued.runtime),
    };
  },
});
