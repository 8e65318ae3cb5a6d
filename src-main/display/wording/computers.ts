// What the phone reads about several computers on one account: the tag on each reply, the
// loop guard's notice, /computers.
import { formatAgo } from './format.js';

/** Told once when the reply guard (chat/reply-guard.ts) stops answering a conversation. */
export const repliesPaused = (facts: { readonly inputs: number; readonly replies: number; readonly pauseMs: number }): string =>
  `🛑 Stopped answering for ${Math.round(facts.pauseMs / 60_000)} min: ${facts.replies} replies to ${facts.inputs} messages within a minute looks like a reply loop, not a conversation. ` +
  'If another computer runs an older Signal Claude on this account, update it. Messages sent meanwhile are not carried out; send them again afterwards.';

/** Put before every reply when several computers share the account. */
export const computerTag = (computer: string): string => `💻 ${computer} · `;

/** `@name` and `/use name` when two computers have a project of that name. */
export const sameProjectName = (project: string, computers: readonly string[]): string =>
  `Several computers have a project called "${project}": write ${computers.map((c) => `\`@${c}/${project}\``).join(' or ')}.`;

/** `@computer/project` naming a computer nobody knows. */
export const noComputerCalled = (name: string, known: readonly string[]): string =>
  `No computer called "${name}". The computers on this account: ${known.join(', ')}. \`/computers\` lists them.`;

/** A message for a computer that has not answered: it is probably off or asleep; nothing is lost. */
export const computerSilent = (computer: string, lastSeen: string): string =>
  `💤 **${computer}** has not answered (last seen ${lastSeen}): it may be off or asleep. Your message waits for it and is carried out when it is back; no other computer does it in its place.`;

export interface ComputerLine {
  readonly name: string;
  readonly projects: readonly string[];
  /** When its last message arrived here; undefined for this computer. */
  readonly lastSeen: number | undefined;
  readonly self: boolean;
}

/** /computers: each computer with its projects; the others with when they were last seen. */
export function computerList(computers: readonly ComputerLine[], now: number): string {
  const lines = computers.map((c) => {
    const seen = c.self ? 'this one' : `last seen ${formatAgo(c.lastSeen, now)}`;
    const projects = c.projects.length ? c.projects.join(', ') : 'no projects';
    return `💻 **${c.name}** — ${seen} · ${projects}`;
  });
  const self = computers.find((c) => c.self);
  const clash = self && computers.some((c) => !c.self && c.name.toLowerCase() === self.name.toLowerCase());
  const warning = clash ? [`⚠️ Two computers are called **${self.name}**: give one another name (the deviceName setting) so that @${self.name} reaches one.`] : [];
  return ['**Computers on this account**', ...lines, ...warning].join('\n');
}
