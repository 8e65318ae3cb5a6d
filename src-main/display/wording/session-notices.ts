// What the phone reads about a session's work: the progress message's header and footer, its
// notes, crash notices, failed turns and the final answer's frame.
import { TextBuilder } from '../text-builder.js';
import type { RenderedText } from '../types.js';
import { formatCost } from './format.js';

/** Header of a turn's progress message. */
export const workingHeader = (resumed: boolean): string => (resumed ? '⏳ Working… (resumed after a restart)' : '⏳ Working…');

/** Last line of a turn's progress message. */
export function turnFooter(reason: string, steps: number): string {
  if (reason === 'cancelled') return '⏹ Stopped';
  if (reason === 'error') return '❌ Failed';
  return `✅ Done${steps ? ` · ${steps} step${steps === 1 ? '' : 's'}` : ''}`;
}

export const progressWarning = (text: string): string => `⚠️ ${text}`;

export const compactedNote = '🗜 Older history summarized to make room (the full transcript stays on disk)';

/** A tool result cut short by a restart, as its progress line shows it. */
export const interruptedOutput = (preview: string): string => `interrupted by a restart\n${preview}`;

/** The worker stopped unexpectedly: recovering (first crash) or given up (second within a minute). */
export function crashNotice(projectName: string, reason: string, final: boolean): string {
  return final
    ? `💥 ${projectName} crashed twice within a minute (${reason}). Reply /restart to start it again.`
    : `⚠️ ${projectName}: Claude's worker stopped unexpectedly (${reason}). Recovering and continuing…`;
}

/** Why the running turn ended when its worker crashed twice. */
export const crashedTwiceWhileWorking = (reason: string): string => `The worker crashed twice while working on this (${reason}); it was not finished.`;

/** The answer of a turn that could not run or finish. */
export const failedTurn = (message: string): string => `❌ ${message}`;

/** The final answer as Markdown: project name first, tool calls and cost after. */
export function finalAnswerMarkdown(projectName: string, markdown: string, steps: number, costUsd: number | null): string {
  const cost = costUsd ? ` · ${formatCost(costUsd)}` : '';
  const footer = steps > 0 || cost ? `\n\n_${steps} tool call${steps === 1 ? '' : 's'}${cost}_` : '';
  return `**${projectName}** · ${markdown}${footer}`;
}

/** Progress messages start with the project's name so the owner knows which one is working. */
export function withProjectName(projectName: string, text: RenderedText): RenderedText {
  const b = new TextBuilder();
  b.appendStyled(projectName, 'bold');
  b.append(' · ');
  b.appendRendered(text);
  return b.build();
}

/** Said once when this computer cannot sandbox commands. */
export const unsandboxedNotice = (reason: string, asks: boolean): string =>
  `⚠️ Claude's shell commands cannot be sandboxed on this computer (${reason}): they run with your full rights, outside the project folder and with the network.` +
  (asks ? ' Each command will ask for your approval first.' : ' They run without asking where the permission mode allows it (Preferences: "ask when unsandboxed" is off).');
