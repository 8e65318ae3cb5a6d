// /status, /cost, /history: what is going on, what it cost, what was said.
import { defineCommand, NO_PROJECT } from '../command.js';
import { costList, hasNoSession, historyList, noSessionYet, nothingSaidYet, nothingSpent, modeFromFile, REMOVED_PROJECT, sessionStatusLines } from '../../display/wording/index.js';
import { sandboxStatus } from '../../display/wording/command-replies.js';
import { DEFAULT_THINKING_BUDGET, isOwnersAlwaysRule, sandboxSupport, thinkingSupport } from '../../agent/index.js';
import { projectEffort, projectThinking } from '../../sessions/project-thinking.js';
import { thinkStatusLine } from '../../display/wording/think-replies.js';
import { webSearchStatusLine } from '../../display/wording/web-search-replies.js';
import { projectWebSearch } from '../../sessions/project-web-search.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectNetwork } from '../../sessions/project-network.js';
import { projectNotify } from '../../sessions/project-notify.js';
import { notifyStatusLine } from '../../display/wording/notify-replies.js';

export const statusCommand = (state: AppStateRepo) => defineCommand({
  name: 'status',
  usage: '/status',
  summary: "the project's session, queue and approvals",
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
      notifyStatusLine(projectNotify(state, input.project.id)),
    );
    const model = input.project.model ?? settings.model;
    const thinking = thinkStatusLine(projectThinking(state, input.project.id), projectEffort(state, input.project.id), thinkingSupport(model), DEFAULT_THINKING_BUDGET);
    if (thinking) lines.push(thinking);
    if (projectWebSearch(state, input.project.id)) lines.push(webSearchStatusLine);
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    if (!runtime) return { reply: [...lines, noSessionYet(input.project.name)].join('\n') };
    const record = runtime.currentRecord();
    const status = sessionStatusLines(
      {
        projectName: input.project.name,
        state: runtime.state,
        mode: input.project.permissionMode ?? modeFromFile(runtime.modeFromSettings) ?? s.settings().permissionMode,
        model: input.project.model ?? s.settings().model,
        lastActivityAt: record.lastActivityAt,
        costUsd: record.costUsd,
        queued: s.supervisor.queuedTurnCount(runtime.id),
        crash: runtime.crash,
        pending: s.approvals.pendingForSession(runtime.id),
        background: runtime.backgroundCommands,
        addedFolders: runtime.addedFolders,
        allowedForSession: record.sessionRules.filter(isOwnersAlwaysRule),
      },
      s.clock.now(),
    );
    return { reply: [...lines, ...status].join('\n') };
  },
});

export const costCommand = defineCommand({
  name: 'cost',
  usage: '/cost',
  summary: 'what Claude cost, per project',
  run: (s) => {
    const rows = s.supervisor.costByProject();
    if (rows.length === 0) return { reply: nothingSpent };
    return { reply: costList(rows.map((r) => ({ ...r, name: s.projects.get(r.projectId)?.name ?? REMOVED_PROJECT }))) };
  },
});

export const historyCommand = defineCommand({
  name: 'history',
  usage: '/history [n]',
  summary: 'the last instructions and answers of the session',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    if (!runtime) return { reply: hasNoSession(input.project.name) };
    const n = Math.min(50, Math.max(1, Number(input.args[0]) || 10));
    const entries = runtime.history.list().filter((e) => e.kind === 'user' || e.kind === 'assistant' || e.kind === 'error');
    if (entries.length === 0) return { reply: nothingSaidYet };
    return { reply: historyList(input.project.name, entries.slice(-n), s.clock.now()) };
  },
});
