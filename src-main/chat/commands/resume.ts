// /resume: go on from the phone with a Claude Code session the owner left at the desk, as Claude
// Code's own /resume picks up an earlier session. `/resume` lists the project's recent ones (read
// from ~/.claude/projects, sessions/desk-sessions.ts); `/resume 2` or `/resume <id>` starts a new
// session of the project from that conversation (sessions/desk-import.ts): only the
// conversation comes along, never its tool processes. The project's current session ends as with
// /new and stays in the history; refused while Claude works, so nothing running is cut off.
import { homedir } from 'node:os';
import { deskSessionList, deskSessionUnknown, noDeskSessions, resumed, resumeWhileWorking } from '../../display/wording/resume-replies.js';
import { deskResumeSummary } from '../../sessions/desk-import.js';
import { deskFolders, listDeskSessions, type DeskSession } from '../../sessions/desk-sessions.js';
import { defineCommand, NO_PROJECT } from '../command.js';

/** How many desk sessions /resume lists. */
const LISTED = 10;

export const resumeCommand = defineCommand<DeskSession[]>({
  name: 'resume',
  usage: '/resume [number|id]',
  summary: 'continue a Claude Code session from your desk',
  // Reads files: outside the transaction, and harmless to repeat.
  prepare: async (_s, input) => (input.project ? listDeskSessions(homedir(), input.project.path, LISTED) : []),
  run: (s, input, sessions = []) => {
    if (!input.project) return { reply: NO_PROJECT };
    const project = input.project;
    const choice = input.args[0];
    if (sessions.length === 0) return { reply: noDeskSessions(project.name, deskFolders('~', project.path)[0] ?? '~/.claude/projects') };
    const lines = sessions.map((d) => ({ id: d.id, updatedAt: d.updatedAt, title: d.title, messages: d.messages.length }));
    if (choice === undefined) return { reply: deskSessionList(project.name, lines, s.clock.now()) };
    const n = /^\d+$/.test(choice) ? Number(choice) : undefined;
    const picked = n !== undefined ? sessions[n - 1] : choice.length >= 4 ? sessions.find((d) => d.id.toLowerCase().startsWith(choice.toLowerCase())) : undefined;
    if (!picked) return { reply: deskSessionUnknown(choice, sessions.length) };
    const current = s.supervisor.existingSessionFor(project.id);
    if (current && (current.turnProgress !== undefined || s.supervisor.queuedTurnCount(current.id) > 0)) return { reply: resumeWhileWorking(project.name) };
    const { summary, leftOut } = deskResumeSummary(picked);
    s.supervisor.newSessionFrom(project.id, summary);
    return { reply: resumed(project.name, picked.title, picked.messages.length, leftOut > 0) };
  },
});
