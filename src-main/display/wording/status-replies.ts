// What the phone reads after /status, /cost and /history: what is going on, what it cost,
// what was said.
import { excerpt, formatAgo, formatCost, STATE_ICONS } from './format.js';
import { inMinutes } from './session-notices.js';

export const noSessionYet = (projectName: string): string => `**${projectName}**: no session yet — write an instruction to start one.`;

export interface SessionStatus {
  readonly projectName: string;
  readonly state: string;
  readonly mode: string;
  readonly model: string;
  readonly lastActivityAt: number | undefined;
  readonly costUsd: number;
  readonly queued: number;
  readonly crash: { readonly reason: string; readonly count: number; readonly retryAt?: number } | undefined;
  readonly pending: readonly { readonly id: string; readonly tool: string; readonly summary: string }[];
  /** Commands Claude started with run_in_background that still run. */
  readonly background?: readonly { readonly id: string; readonly command: string; readonly startedAt: number }[];
  /** The settings' additionalDirectories. */
  readonly addedFolders?: readonly { readonly path: string; readonly source: string; readonly confirmed: boolean }[];
  /** What the owner answered "always" to in this session (permission rules; they end with it). */
  readonly allowedForSession?: readonly string[];
}

export function sessionStatusLines(s: SessionStatus, now: number): string[] {
  const lines = [
    `**${s.projectName}** — ${STATE_ICONS[s.state] ?? ''} ${s.state}, ${s.mode} mode, ${s.model}`,
    `Last activity ${formatAgo(s.lastActivityAt, now)} · session cost ${formatCost(s.costUsd)}`,
  ];
  if (s.queued) lines.push(`${s.queued} instruction${s.queued === 1 ? '' : 's'} queued`);
  if (s.crash) {
    const retry = s.crash.retryAt;
    const next = s.state !== 'crashed' ? '' : retry !== undefined ? ` — next attempt ${inMinutes(retry - now)}, \`/restart\` tries now` : ' — `/restart` to revive';
    lines.push(`💥 ${s.crash.reason} (${s.crash.count}×)${next}`);
  }
  for (const a of s.pending) lines.push(`⏸ waiting for you: \`${a.id}\` ${a.tool} — ${excerpt(a.summary, 60)}`);
  const background = s.background ?? [];
  if (background.length > 0) {
    lines.push(`🔄 ${background.length} background command${background.length === 1 ? '' : 's'} running, until Claude stops ${background.length === 1 ? 'it' : 'them'} or the session ends:`);
    for (const b of background) lines.push(`• \`${excerpt(b.command.replace(/\s+/g, ' '), 60)}\` (started ${formatAgo(b.startedAt, now)})`);
  }
  for (const f of s.addedFolders ?? []) {
    lines.push(`📁 added folder ${f.path} (${f.source}): ${f.confirmed ? 'Claude may use it' : 'not confirmed, Claude cannot use it'}`);
  }
  const allowed = s.allowedForSession ?? [];
  if (allowed.length > 0) {
    const shown = allowed.slice(0, 8).map((rule) => `\`${excerpt(rule, 60)}\``);
    const more = allowed.length > shown.length ? ` and ${allowed.length - shown.length} more` : '';
    lines.push(`✅ allowed without asking until \`/new\` ("always"): ${shown.join(', ')}${more}`);
  }
  return lines;
}

export const nothingSpent = 'Nothing spent yet.';

export function costList(rows: readonly { readonly name: string; readonly costUsd: number; readonly sessions: number }[]): string {
  const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
  const lines = [...rows]
    .sort((a, b) => b.costUsd - a.costUsd)
    .map((r) => `• **${r.name}** ${formatCost(r.costUsd)} (${r.sessions} session${r.sessions === 1 ? '' : 's'})`);
  return [`**Cost** — ${formatCost(total)} in all`, ...lines].join('\n');
}

/** The name shown for costs of a project that was removed since. */
export const REMOVED_PROJECT = '(removed)';

export const hasNoSession = (projectName: string): string => `**${projectName}** has no session yet.`;

export const nothingSaidYet = 'Nothing said in this session yet.';

export function historyList(
  projectName: string,
  entries: readonly { readonly kind: string; readonly at: string; readonly text: string }[],
  now: number,
): string {
  const lines = entries.map((e) => {
    const who = e.kind === 'user' ? '🗣' : e.kind === 'error' ? '❌' : '🤖';
    return `${who} ${formatAgo(Date.parse(e.at), now)}: ${excerpt(e.text, 120)}`;
  });
  return [`**${projectName}** — last ${lines.length}`, ...lines].join('\n');
}

/** The mode /status names when a project settings file's defaultMode chose it (no /mode given). */
export const modeFromFile = (m: { readonly mode: string; readonly source: string } | undefined): string | undefined =>
  m ? `${m.mode} (defaultMode in ${m.source})` : undefined;
