// What the phone reads after the session commands (/new, /stop, /restart, /mode, /undo).
import { PERMISSION_MODES, type PermissionMode } from '../../shared/config.js';

const MODE_WORDS: Readonly<Record<PermissionMode, string>> = {
  default: 'asks before editing files or running commands',
  acceptEdits: 'edits files without asking; commands still ask',
  plan: 'only reads and plans; changes nothing',
  bypassPermissions: 'runs everything without asking (the deny rules still hold)',
};

export const newSessionStarted = (projectName: string): string =>
  `🆕 New session for **${projectName}**. Claude starts without the earlier conversation (it stays on disk).`;

/** Part of the /stop reply; empty when nothing was queued. */
export const droppedQueued = (dropped: number): string => (dropped ? ` Dropped ${dropped} queued instruction${dropped === 1 ? '' : 's'}.` : '');

export const nothingRunning = (projectName: string, droppedNote: string): string => `Nothing is running in **${projectName}**.${droppedNote}`;

export const notCrashed = (projectName: string, state: string): string => `**${projectName}** has not crashed (${state}); nothing to restart.`;

export const restarting = (projectName: string): string => `🔄 Restarting **${projectName}**…`;

/** /mode without an argument: the current mode and every mode with what it means. */
export function modeList(projectName: string, current: string): string {
  const list = PERMISSION_MODES.map((m) => `${m === current ? '▶' : '•'} \`${m}\` — ${MODE_WORDS[m]}`).join('\n');
  return `**${projectName}** runs in \`${current}\` mode.\n${list}`;
}

export const unknownMode = (wanted: string): string => `Unknown mode "${wanted}". Modes: ${PERMISSION_MODES.map((m) => `\`${m}\``).join(', ')}.`;

export const modeChanged = (projectName: string, mode: PermissionMode): string => `**${projectName}** now runs in \`${mode}\` mode: ${MODE_WORDS[mode]}.`;

export const undoWhileWorking = 'Claude is working right now; `/stop` first, then `/undo`.';

export const undoFailed = (error: string): string => `Undo failed: ${error}`;

export const nothingToUndo = 'Nothing to undo.';

export function undone(restored: readonly string[]): string {
  const files = restored.map((f) => `\`${f}\``).join(', ');
  return `↩️ Restored ${restored.length} file${restored.length === 1 ? '' : 's'} to before Claude's last change: ${files}.\nChanges made by shell commands (Bash) are not tracked and were not undone.`;
}

const SANDBOX_OFF_NOTE = ' (The sandbox is turned off in Preferences, so commands are not confined either way.)';

/** /net without an argument. */
export const netState = (projectName: string, network: boolean, sandboxEnabled: boolean): string =>
  `🌐 Network for **${projectName}**'s commands: **${network ? 'on' : 'off'}**. \`/net on\` or \`/net off\` to change it.${sandboxEnabled ? '' : SANDBOX_OFF_NOTE}`;

export const netUsage = 'Use `/net on` or `/net off` (or `/net` to see the current setting).';

export const netChanged = (projectName: string, network: boolean, sandboxEnabled: boolean): string =>
  (network
    ? `🌐 **${projectName}**'s commands may now use the network (the rest of the sandbox stays).`
    : `🔒 **${projectName}**'s commands have no network from the next command on.`) + (sandboxEnabled ? '' : SANDBOX_OFF_NOTE);

/** The /status line about Bash confinement for the current project. */
export function sandboxStatus(s: { sandbox: 'bwrap' | 'seatbelt' | undefined; why: string | undefined; network: boolean; asks: boolean }): string {
  if (s.sandbox) {
    const name = s.sandbox === 'bwrap' ? 'bubblewrap' : 'Seatbelt';
    return `🔒 Commands run sandboxed (${name}): project folder writable, home hidden, network ${s.network ? 'on' : 'off'} (\`/net\`)`;
  }
  return `⚠️ Commands run unsandboxed (${s.why ?? 'no sandbox'})${s.asks ? ': each one asks you first' : ''}`;
}

export const undoNoSession = 'This project has no session yet: nothing to undo.';

export const undoNothingLeft = 'No file changes by Claude left to undo in this session.';

/** /diff in a folder without git when this session's edits changed nothing (there). */
export const noSessionChanges = (file: string | undefined): string =>
  `No changes by Claude in this session${file ? ` to ${file}` : ''} (this folder is not a git repository).`;

/** /clear asks first: how much Claude would forget, and how to confirm. */
export function clearAsk(projectName: string, messages: number, minutes: number, summary = false): string {
  const said = `the ${messages} message${messages === 1 ? '' : 's'} so far`;
  const what = !summary ? said : messages === 0 ? 'the summary of the earlier conversation it carries' : `${said} and the summary of the earlier conversation`;
  return `🧹 Clear the conversation in **${projectName}**? Claude starts over without ${what}; the transcript stays on this computer. Send \`/clear yes\` within ${minutes} minutes to confirm, \`/clear no\` to keep it.`;
}

export const cleared = (projectName: string): string =>
  `🧹 Cleared the conversation in **${projectName}**: the next instruction starts fresh. The transcript stays on this computer.`;

export const clearKept = (projectName: string): string => `Kept the conversation in **${projectName}**.`;

export const clearNothingAsked = 'Nothing to confirm: send `/clear` first.';

export const clearNothing = (projectName: string): string => `**${projectName}** has no conversation to clear.`;

export const clearUsage = 'Use `/clear`, then `/clear yes` to confirm (or `/clear no`).';
