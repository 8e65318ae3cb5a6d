// /status, /cost, /history: what is going on, what it cost, what was said.
import { defineCommand, NO_PROJECT } from '../command.js';
import { excerpt, formatAgo, formatCost, STATE_ICONS } from '../../display/wording/format.js';
import { sandboxStatus } from '../../display/wording/command-replies.js';
import { sandboxSupport } from '../../agent/index.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectNetwork } from '../../sessions/project-network.js';

export const statusCommand = (state: AppStateRepo) => defineCommand({
  name: 'status',
  usage: '/status',
  summary: "the current project's session, queue and approvals",
  run: (s, input) => {
    const lines = [s.appStatusLine()];
    if (!input.project) return { reply: [...lines, NO_PROJECT].join('\n') };
    const support = sandboxSupport();
    const settings = s.settings();
    lines.push(
      sandboxStatus({
        sandbox: settings.sandboxEnabled && support.kind !== 'none' ? support.kind : undefined,
        why: !settings.sandboxEnabled ? 'turned off in Preferences' : support.kind === 'none' ? support.reason : undefined,
        network: projectNetwork(state, input.project.id),
        asks: settings.sandboxAskWhenUnsandboxed,
      }),
    );
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    if (!runtime) return { reply: [...lines, `**${input.project.name}**: no session yet — write an instruction to start one.`].join('\n') };
    const record = runtime.currentRecord();
    const queued = s.supervisor.queuedTurnCount(runtime.id);
    const pending = s.approvals.pendingForSession(runtime.id);
    const mode = input.project.permissionMode ?? s.settings().permissionMode;
    lines.push(`**${input.project.name}** — ${STATE_ICONS[runtime.state] ?? ''} ${runtime.state}, ${mode} mode, ${input.project.model ?? s.settings().model}`);
    lines.push(`Last activity ${formatAgo(record.lastActivityAt, s.clock.now())} · session cost ${formatCost(record.costUsd)}`);
    if (queued) lines.push(`${queued} instruction${queued === 1 ? '' : 's'} queued`);
    const crash = runtime.crash;
    if (crash) lines.push(`💥 ${crash.reason} (${crash.count}×)${runtime.state === 'crashed' ? ' — `/restart` to revive' : ''}`);
    for (const a of pending) lines.push(`⏸ waiting for you: \`${a.id}\` ${a.tool} — ${excerpt(a.summary, 60)}`);
    return { reply: lines.join('\n') };
  },
});

export const costCommand = defineCommand({
  name: 'cost',
  usage: '/cost',
  summary: 'what Claude cost, per project',
  run: (s) => {
    const rows = s.supervisor.costByProject();
    if (rows.length === 0) return { reply: 'Nothing spent yet.' };
    const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
    const lines = rows
      .map((r) => ({ ...r, name: s.projects.get(r.projectId)?.name ?? '(removed)' }))
      .sort((a, b) => b.costUsd - a.costUsd)
      .map((r) => `• **${r.name}** ${formatCost(r.costUsd)} (${r.sessions} session${r.sessions === 1 ? '' : 's'})`);
    return { reply: [`**Cost** — ${formatCost(total)} in all`, ...lines].join('\n') };
  },
});

export const historyCommand = defineCommand({
  name: 'history',
  usage: '/history [n]',
  summary: 'the last instructions and answers of the session',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    if (!runtime) return { reply: `**${input.project.name}** has no session yet.` };
    const n = Math.min(50, Math.max(1, Number(input.args[0]) || 10));
    const entries = runtime.history.list().filter((e) => e.kind === 'user' || e.kind === 'assistant' || e.kind === 'error');
    if (entries.length === 0) return { reply: 'Nothing said in this session yet.' };
    const now = s.clock.now();
    const lines = entries.slice(-n).map((e) => {
      const who = e.kind === 'user' ? '🗣' : e.kind === 'error' ? '❌' : '🤖';
      return `${who} ${formatAgo(Date.parse(e.at), now)}: ${excerpt(e.text, 120)}`;
    });
    return { reply: [`**${input.project.name}** — last ${lines.length}`, ...lines].join('\n') };
  },
});


