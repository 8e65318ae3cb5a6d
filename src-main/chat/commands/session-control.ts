// /new, /stop, /restart, /mode: steering a project's Claude session.
import { PERMISSION_MODES, type PermissionMode } from '../../shared/config.js';
import { defineCommand, NO_PROJECT } from '../command.js';

const MODE_WORDS: Readonly<Record<PermissionMode, string>> = {
  default: 'asks before editing files or running commands',
  acceptEdits: 'edits files without asking; commands still ask',
  plan: 'only reads and plans; changes nothing',
  bypassPermissions: 'runs everything without asking (the deny rules still hold)',
};

export const newCommand = defineCommand({
  name: 'new',
  usage: '/new',
  summary: 'start a fresh session for the project (the old history is kept)',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    s.supervisor.newSession(input.project.id);
    return { reply: `🆕 New session for **${input.project.name}**. Claude starts without the earlier conversation (it stays on disk).` };
  },
});

export const stopCommand = defineCommand({
  name: 'stop',
  usage: '/stop',
  summary: 'stop what Claude is doing (and drop queued instructions)',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    const dropped = runtime ? s.supervisor.cancelQueuedTurns(runtime.id) : 0;
    const running = runtime?.hasWorker === true && runtime.state === 'active';
    const droppedNote = dropped ? ` Dropped ${dropped} queued instruction${dropped === 1 ? '' : 's'}.` : '';
    if (!runtime || !running) return { reply: `Nothing is running in **${input.project.name}**.${droppedNote}` };
    // The turn's own final message says "⏹ Stopped."; only mention what else happened.
    return { reply: droppedNote ? droppedNote.trim() : undefined, after: () => void runtime.stopTurn() };
  },
});

export const restartCommand = defineCommand({
  name: 'restart',
  usage: '/restart',
  summary: 'revive a crashed session',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    if (!runtime || runtime.state !== 'crashed') {
      return { reply: `**${input.project.name}** has not crashed (${runtime?.state ?? 'no session'}); nothing to restart.` };
    }
    return { reply: `🔄 Restarting **${input.project.name}**…`, after: () => void runtime.restart() };
  },
});

export const modeCommand = defineCommand({
  name: 'mode',
  usage: '/mode <default|acceptEdits|plan|bypassPermissions>',
  summary: 'how much Claude may do without asking',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const wanted = input.args[0];
    const current = input.project.permissionMode ?? s.settings().permissionMode;
    if (!wanted) {
      const list = PERMISSION_MODES.map((m) => `${m === current ? '▶' : '•'} \`${m}\` — ${MODE_WORDS[m]}`).join('\n');
      return { reply: `**${input.project.name}** runs in \`${current}\` mode.\n${list}` };
    }
    const mode = PERMISSION_MODES.find((m) => m.toLowerCase() === wanted.toLowerCase());
    if (!mode) return { reply: `Unknown mode "${wanted}". Modes: ${PERMISSION_MODES.map((m) => `\`${m}\``).join(', ')}.` };
    s.projects.setPermissionMode(input.project.id, mode);
    const project = input.project;
    return { reply: `**${project.name}** now runs in \`${mode}\` mode: ${MODE_WORDS[mode]}.`, after: () => s.supervisor.setMode(project.id, mode) };
  },
});
