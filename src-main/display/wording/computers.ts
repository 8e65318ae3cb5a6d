// What the phone reads about several computers on one account: the tag on each reply, the
// loop guard's notice, /computers, /name.
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

/** How the owner writes a computer's name after @ (spaces as dashes). */
const at = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, '-');

export interface ComputerLine {
  readonly name: string;
  /** Its device id on the account (shown, as `#3`, only where two computers share a name). */
  readonly device?: number | undefined;
  readonly projects: readonly string[];
  /** When its last message arrived here; undefined for this computer. */
  readonly lastSeen: number | undefined;
  readonly self: boolean;
  /** When this computer learnt it was unlinked from the account. */
  readonly goneAt?: number | undefined;
}

/** /computers: each computer with its projects; the others with when they were last seen. */
export function computerList(computers: readonly ComputerLine[], now: number): string {
  const live = computers.filter((c) => c.goneAt === undefined);
  const shared = (c: ComputerLine): boolean => live.filter((o) => at(o.name) === at(c.name)).length > 1;
  const lines = computers.map((c) => {
    const label = shared(c) && c.goneAt === undefined && c.device !== undefined ? `**${c.name}** (#${c.device})` : `**${c.name}**`;
    if (c.goneAt !== undefined) return `🚫 ${label} — unlinked from this account (noticed ${formatAgo(c.goneAt, now)}); nothing is sent there`;
    const seen = c.self ? 'this one' : `last seen ${formatAgo(c.lastSeen, now)}`;
    const projects = c.projects.length ? c.projects.join(', ') : 'no projects';
    return `💻 ${label} — ${seen} · ${projects}`;
  });
  const clashes = live.filter((c, i) => shared(c) && live.findIndex((o) => at(o.name) === at(c.name)) === i);
  const warnings = clashes.map((c) => `⚠️ ${live.filter((o) => at(o.name) === at(c.name)).length} computers are called **${c.name}**: ${renameHint(c.name)}`);
  return ['**Computers on this account**', ...lines, ...warnings].join('\n');
}

const renameHint = (name: string): string =>
  `give one another name (\`@${at(name)}#N /name NEW\`, N as listed by /computers, or Name in that computer's Preferences) so that @${at(name)} reaches one.`;

/** `@name` when several computers have that name: nothing runs. */
export const sameComputerName = (name: string, devices: readonly number[]): string =>
  `Several computers are called **${name}**, so nothing was done. Write ${devices.map((d) => `\`@${at(name)}#${d}\``).join(' or ')}, or ${renameHint(name)}`;

/** /name without a name. */
export const computerNameIs = (name: string): string => `💻 This computer is called **${name}** (\`@${at(name)}\` reaches it). \`/name NEW\` renames it.`;

/** /name NEW done. */
export const computerRenamed = (name: string, onServer: boolean): string =>
  `💻 This computer is now called **${name}**: \`@${at(name)}\` reaches it, and the other computers know.` +
  (onServer ? '' : " The Signal server did not take the new name, so your phone's Linked devices list still shows the old one.");

/** /name with the name it has. */
export const computerNameUnchanged = (name: string): string => `💻 This computer is already called **${name}**.`;

/** /name with a name another computer of the account has. */
export const computerNameTaken = (name: string): string => `Another computer on this account is already called **${name}**: choose a name no other computer has.`;

/** /name with a name that cannot be one. */
export const computerNameInvalid = (reason: string): string => `That cannot be a computer name: ${reason}`;

/** /name not addressed while several computers are linked. */
export const whichComputerToRename = (names: readonly string[]): string =>
  `Several computers are linked (${names.join(', ')}): write \`@computer /name NEW\` to rename one, e.g. \`@${at(names[0] ?? 'laptop')} /name NEW\`.`;
