// What the phone reads about /resume: continuing a Claude Code session from the desk.
import { excerpt, formatAgo } from './format.js';

export interface DeskSessionLine {
  readonly id: string;
  readonly updatedAt: number;
  readonly title: string;
  readonly messages: number;
}

export function deskSessionList(projectName: string, sessions: readonly DeskSessionLine[], now: number): string {
  const lines = sessions.map((s, i) => `${i + 1}. ${formatAgo(s.updatedAt, now)} · ${s.messages} message${s.messages === 1 ? '' : 's'} · “${excerpt(s.title, 60)}” (\`${s.id.slice(0, 8)}\`)`);
  return [
    `🖥 Claude Code sessions of **${projectName}**, newest first:`,
    ...lines,
    '',
    `Send \`/resume 1\` (or its id) to go on with one here. Its conversation takes the place of ${projectName}'s current one, which stays in the history.`,
  ].join('\n');
}

export const noDeskSessions = (projectName: string, folder: string): string =>
  `🖥 No Claude Code sessions of **${projectName}** were found (Claude Code keeps them in \`${folder}\` for about 30 days).`;

export const deskSessionUnknown = (choice: string, count: number): string =>
  `🖥 There is no Claude Code session “${choice}” here. Send \`/resume\` to see the ${count === 1 ? 'one' : count} there ${count === 1 ? 'is' : 'are'}, then \`/resume 1\` or its id.`;

export const resumeWhileWorking = (projectName: string): string =>
  `✋ Claude is working in **${projectName}**. Send \`/stop\` first (or wait for it to finish), then \`/resume\` again.`;

export function resumed(projectName: string, title: string, messages: number, leftOut: boolean): string {
  const cut = leftOut ? ' It was long, so its middle was left out: Claude has the beginning and the latest part.' : '';
  return `🖥 **${projectName}** now goes on from the Claude Code session “${excerpt(title, 60)}” (${messages} message${messages === 1 ? '' : 's'}). Tool results came along shortened and thinking not at all.${cut} Your next message continues it.`;
}
