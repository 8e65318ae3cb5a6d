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

/**
 * The worker stopped unexpectedly: recovering (first crash), given up (second within a minute),
 * or crashing again and again (the next attempt waits, longer each time).
 */
export function crashNotice(projectName: string, reason: string, final: boolean, retryInMs?: number): string {
  if (final) return `💥 ${projectName} crashed twice within a minute (${reason}). Reply /restart to start it again.`;
  if (retryInMs !== undefined) {
    return `💥 ${projectName} keeps crashing (${reason}). Next attempt ${inMinutes(retryInMs)}, then after longer waits; /status shows when, /restart tries now.`;
  }
  return `⚠️ ${projectName}: Claude's worker stopped unexpectedly (${reason}). Recovering and continuing…`;
}

/** "in 1 min", "in 30 min" (a wait of at least a minute). */
export const inMinutes = (ms: number): string => `in ${Math.max(1, Math.round(ms / 60_000))} min`;

/** Why the running turn ended when its worker crashed twice. */
export const crashedTwiceWhileWorking = (reason: string): string => `The worker crashed twice while working on this (${reason}); it was not finished.`;

/** The answer of a turn that could not run or finish. */
export const failedTurn = (message: string): string => `❌ ${message}`;

/** A file a turn changed, with its line counts (undefined for binary or very large files). */
export interface ChangedFile {
  readonly path: string;
  readonly counts: { readonly added: number; readonly removed: number } | undefined;
}

/** Files named in the summary line before "… and N more". */
const LISTED_FILES = 5;

/** "📝 3 files: `src/a.ts` +12 −3, … · `/diff` shows the changes"; '' when nothing changed. */
export function changedFilesLine(files: readonly ChangedFile[]): string {
  if (files.length === 0) return '';
  const named = files.slice(0, LISTED_FILES).map((f) => {
    const counts = f.counts ? ` +${f.counts.added} −${f.counts.removed}` : '';
    return `\`${f.path.replace(/`/g, "'")}\`${counts}`;
  });
  if (files.length > LISTED_FILES) named.push(`… and ${files.length - LISTED_FILES} more`);
  return `📝 ${files.length} file${files.length === 1 ? '' : 's'}: ${named.join(', ')} · \`/diff\` shows the changes`;
}

/** The final answer as Markdown: project name first, tool calls and cost after, then the files the turn changed. */
export function finalAnswerMarkdown(projectName: string, markdown: string, steps: number, costUsd: number | null, changed: readonly ChangedFile[] = []): string {
  const cost = costUsd ? ` · ${formatCost(costUsd)}` : '';
  const footer = steps > 0 || cost ? `\n\n_${steps} tool call${steps === 1 ? '' : 's'}${cost}_` : '';
  const files = changedFilesLine(changed);
  return `**${projectName}** · ${markdown}${footer}${files ? `\n\n${files}` : ''}`;
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
