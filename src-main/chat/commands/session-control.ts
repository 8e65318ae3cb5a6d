// /new, /stop, /restart, /mode: steering a project's Claude session.
import { PERMISSION_MODES } from '../../shared/config.js';
import { droppedQueued, modeChanged, modeList, newSessionStarted, notCrashed, nothingRunning, restarting, unknownMode } from '../../display/wording/command-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const newCommand = defineCommand({
  name: 'new',
  usage: '/new',
  summary: 'a fresh session (the history is kept)',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    s.supervisor.newSession(input.project.id);
    return { reply: newSessionStarted(input.project.name) };
  },
});

export const stopCommand = defineCommand({
  name: 'stop',
  usage: '/stop',
  summary: 'stop Claude and drop queued instructions',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const runtime = s.supervisor.existingSessionFor(input.project.id);
    const dropped = runtime ? s.supervisor.cancelQueuedTurns(runtime.id) : 0;
    const running = runtime?.hasWorker === true && runtime.state === 'active';
    const droppedNote = droppedQueued(dropped);
    if (!runtime || !running) return { reply: nothingRunning(input.project.name, droppedNote) };
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
      return { reply: notCrashed(input.project.name, runtime?.state ?? 'no session') };
    }
    return { reply: restarting(input.project.name), after: () => void runtime.restart() };
  },
});

export const modeCommand = defineCommand({
  name: 'mode',
  usage: '/mode <default|acceptEdits|plan|bypassPermissions>',
  summary: 'how much Claude may do without asking',
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const wanted = input.args[0];
    const current = input.project.permissionMode ?? s.supervisor.existingSessionFor(input.project.id)?.modeFromSettings?.mode ?? s.settings().permissionMode;
    if (!wanted) {
      return { reply: modeList(input.project.name, current) };
    }
    const mode = PERMISSION_MODES.find((m) => m.toLowerCase() === wanted.toLowerCase());
    if (!mode) return { reply: unknownMode(wanted) };
    s.projects.setPermissionMode(input.project.id, mode);
    const project = input.project;
    return { reply: modeChanged(project.name, mode), after: () => s.supervisor.setMode(project.id, mode) };
  },
});
