// One short line per tool call for the progress message ("🔧 Edit src/app.ts +3 −1",
// "🔧 Bash npm test → ✅ 42 passed"); a failure adds the useful tail of its output. Tool names
// and arguments are Claude Code's; arguments come from the model, so they are parsed here.
import path from 'node:path';
import { z } from 'zod';
import { diffLines } from './diff-compute.js';
import { countsLabel } from './diff.js';
import { redactRendered, redactText } from './redact.js';
import { describeTestSummary, parseTestSummary, stripAnsi } from './test-summary.js';
import { TextBuilder } from './text-builder.js';
import type { RenderedDoc, RenderedText } from './types.js';
import { graphemes } from './unicode.js';

export interface ToolCall {
  readonly name: string;
  readonly input: unknown;
}

export interface ToolOutcome {
  readonly isError: boolean;
  /** What the tool returned to Claude (stdout+stderr for Bash). */
  readonly output: string;
  /** Bash exit code when the agent knows it. */
  readonly exitCode?: number;
}

export interface ToolLineOptions {
  /** Paths under this folder are shown relative to it. */
  readonly projectDir?: string;
  /** Columns for the line and each tail line. Default 60. */
  readonly columns?: number;
  /** Lines of output shown under a failure. Default 6. */
  readonly tailLines?: number;
}

const ReadInput = z.object({ file_path: z.string(), offset: z.number().int().optional(), limit: z.number().int().optional() });
const WriteInput = z.object({ file_path: z.string(), content: z.string() });
const EditInput = z.object({ file_path: z.string(), old_string: z.string(), new_string: z.string(), replace_all: z.boolean().optional() });
const MultiEditInput = z.object({ file_path: z.string(), edits: z.array(z.object({ old_string: z.string(), new_string: z.string() })) });
const BashInput = z.object({ command: z.string(), timeout: z.number().optional(), description: z.string().optional(), run_in_background: z.boolean().optional() });
const BashOutputInput = z.object({ bash_id: z.string() });
const KillShellInput = z.object({ shell_id: z.string() });
const GrepInput = z.object({ pattern: z.string(), path: z.string().optional(), glob: z.string().optional(), type: z.string().optional() });
const GlobInput = z.object({ pattern: z.string(), path: z.string().optional() });
const LsInput = z.object({ path: z.string().optional() });
const TodoInput = z.object({
  todos: z.array(z.object({ content: z.string(), status: z.enum(['pending', 'in_progress', 'completed']), activeForm: z.string().optional() })),
});
const WebFetchInput = z.object({ url: z.string() });
const WebSearchInput = z.object({ query: z.string() });
const TaskInput = z.object({ description: z.string() });

function truncate(text: string, columns: number): string {
  const gs = graphemes(text);
  return gs.length <= columns ? text : `${gs.slice(0, Math.max(1, columns - 1)).join('')}…`;
}

/** A path as the owner thinks of it: relative to the project, long middles elided. */
export function shortPath(file: string, options: ToolLineOptions = {}, max = 40): string {
  let p = file;
  if (options.projectDir && path.isAbsolute(file)) {
    const rel = path.relative(options.projectDir, file);
    if (rel === '') p = '.';
    else if (!rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
  }
  p = p.split(path.sep).join('/');
  if (p.length <= max) return p;
  const parts = p.split('/');
  const last = parts.pop() ?? p;
  const first = parts[0] ?? '';
  const candidate = `${first}/…/${last}`;
  return candidate.length <= max ? candidate : truncate(`…/${last}`, max);
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function editCounts(oldString: string, newString: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const op of diffLines(oldString.split('\n'), newString.split('\n'))) {
    if (op.kind === '+') added++;
    else if (op.kind === '-') removed++;
  }
  return { added, removed };
}

interface Head {
  /** What the tool acted on, shown after its name. */
  readonly subject: string;
  readonly monospace?: boolean;
  /** Shown after the subject (counts, line ranges). */
  readonly detail?: string;
  readonly icon?: string;
  readonly name?: string;
}

function describeCall(call: ToolCall, options: ToolLineOptions): Head {
  const sp = (p: string): string => shortPath(p, options);
  switch (call.name) {
    case 'Read': {
      const r = ReadInput.safeParse(call.input);
      if (!r.success) break;
      const { offset, limit } = r.data;
      const from = offset ?? 1;
      const span = offset === undefined && limit === undefined ? '' : limit === undefined ? `:${from}–` : `:${from}–${from + limit - 1}`;
      return { subject: `${sp(r.data.file_path)}${span}` };
    }
    case 'Write': {
      const r = WriteInput.safeParse(call.input);
      if (!r.success) break;
      const n = lineCount(r.data.content);
      return { subject: sp(r.data.file_path), detail: `(${n} line${n === 1 ? '' : 's'})` };
    }
    case 'Edit': {
      const r = EditInput.safeParse(call.input);
      if (!r.success) break;
      const c = editCounts(r.data.old_string, r.data.new_string);
      return { subject: sp(r.data.file_path), detail: `${countsLabel(c.added, c.removed)}${r.data.replace_all ? ' (all)' : ''}`.trim() };
    }
    case 'MultiEdit': {
      const r = MultiEditInput.safeParse(call.input);
      if (!r.success) break;
      const c = r.data.edits.map((e) => editCounts(e.old_string, e.new_string)).reduce((a, b) => ({ added: a.added + b.added, removed: a.removed + b.removed }), { added: 0, removed: 0 });
      return { subject: sp(r.data.file_path), detail: countsLabel(c.added, c.removed) };
    }
    case 'Bash': {
      const r = BashInput.safeParse(call.input);
      if (!r.success) break;
      const first = r.data.command.trim().split('\n')[0] ?? '';
      const more = r.data.command.trim().includes('\n') ? ' …' : '';
      return { subject: `${first}${more}`, monospace: true, ...(r.data.run_in_background ? { detail: '(background)' } : {}) };
    }
    case 'BashOutput': {
      const r = BashOutputInput.safeParse(call.input);
      if (r.success) return { subject: r.data.bash_id, monospace: true };
      break;
    }
    case 'KillShell': {
      const r = KillShellInput.safeParse(call.input);
      if (r.success) return { icon: '⏹️', subject: r.data.shell_id, monospace: true };
      break;
    }
    case 'Grep': {
      const r = GrepInput.safeParse(call.input);
      if (!r.success) break;
      const where = r.data.path ? ` in ${sp(r.data.path)}` : '';
      const filter = r.data.glob ?? r.data.type;
      return { subject: `"${r.data.pattern}"${where}${filter ? ` (${filter})` : ''}` };
    }
    case 'Glob': {
      const r = GlobInput.safeParse(call.input);
      if (!r.success) break;
      return { subject: `${r.data.pattern}${r.data.path ? ` in ${sp(r.data.path)}` : ''}` };
    }
    case 'LS': {
      const r = LsInput.safeParse(call.input);
      if (!r.success) break;
      return { subject: r.data.path ? sp(r.data.path) : '.' };
    }
    case 'TodoWrite': {
      const r = TodoInput.safeParse(call.input);
      if (!r.success) break;
      const done = r.data.todos.filter((t) => t.status === 'completed').length;
      const now = r.data.todos.find((t) => t.status === 'in_progress');
      return { icon: '📋', name: 'Todo', subject: `${done}/${r.data.todos.length} done`, detail: now ? `· now: ${now.activeForm ?? now.content}` : '' };
    }
    case 'WebFetch': {
      const r = WebFetchInput.safeParse(call.input);
      if (!r.success) break;
      let host = r.data.url;
      try {
        host = new URL(r.data.url).host;
      } catch {
        // keep the text as given
      }
      return { subject: host };
    }
    case 'WebSearch': {
      const r = WebSearchInput.safeParse(call.input);
      if (r.success) return { subject: `"${r.data.query}"` };
      break;
    }
    case 'Task':
    case 'Agent': {
      // A subagent: its own tool calls follow in the same progress message.
      const r = TaskInput.safeParse(call.input);
      if (r.success) return { icon: '🤖', name: 'Agent', subject: r.data.description };
      break;
    }
    default:
      break;
  }
  // Unknown tool or arguments that do not fit its shape: the first short string argument.
  const first = typeof call.input === 'object' && call.input !== null ? Object.values(call.input).find((v): v is string => typeof v === 'string') : undefined;
  return { subject: first?.split('\n')[0] ?? '' };
}

function exitCodeOf(outcome: ToolOutcome): number {
  if (outcome.exitCode !== undefined) return outcome.exitCode;
  const m = /exit(?:ed with)? code:? (\d+)/i.exec(outcome.output);
  if (m) return Number(m[1]);
  return outcome.isError ? 1 : 0;
}

function countWarnings(output: string): number {
  return output.split('\n').filter((l) => /\bwarn(?:ing)?s?\b/i.test(l) && !/\b0 warnings?\b/i.test(l)).length;
}

function resultText(call: ToolCall, outcome: ToolOutcome): string {
  const out = stripAnsi(outcome.output);
  if (call.name === 'Bash') {
    const exit = exitCodeOf(outcome);
    const summary = parseTestSummary(out);
    const warnings = countWarnings(out);
    const warn = warnings > 0 ? ` ⚠️ ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
    if (summary) return `${summary.failed > 0 || exit !== 0 ? '❌' : '✅'} ${describeTestSummary(summary)}${exit !== 0 && summary.failed === 0 ? ` (exit ${exit})` : ''}${warn}`;
    if (/timed? ?out/i.test(out) && exit !== 0) return `❌ timed out${warn}`;
    return exit === 0 ? `✅${warn}` : `❌ exit ${exit}${warn}`;
  }
  if (outcome.isError) return `❌ ${usefulLines(out, 1)[0] ?? 'failed'}`;
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  if (call.name === 'Grep') return /^No (?:matches|files) found/i.test(out.trim()) || lines.length === 0 ? 'no matches' : `${lines.length} result${lines.length === 1 ? '' : 's'}`;
  if (call.name === 'Glob') return /^No files found/i.test(out.trim()) || lines.length === 0 ? 'no files' : `${lines.length} file${lines.length === 1 ? '' : 's'}`;
  return '';
}

const NOISE = [/A complete log of this run can be found in/i, /^npm (?:ERR!|error)\s*$/, /^\s*at .*node:internal/, /^Command failed:/];
const SIGNAL_LINE = /\b(?:error|fail(?:ed|ure)?|exception|traceback|assert|panic|cannot|not found|denied|undefined)\b/i;

/** The lines of an error output worth reading on a phone: its first error line and its tail. */
export function usefulLines(output: string, max: number): string[] {
  const lines = stripAnsi(output)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !NOISE.some((n) => n.test(l)));
  if (lines.length <= max) return lines;
  const tail = lines.slice(-max);
  const firstError = lines.findIndex((l) => SIGNAL_LINE.test(l));
  if (firstError >= 0 && firstError < lines.length - max && max >= 3) {
    return [lines[firstError] ?? '', '⋯', ...tail.slice(-(max - 2))];
  }
  return tail;
}

/** One progress line for a tool call, with the failure's tail under it. Redacted. */
export function toolActivityLine(call: ToolCall, rawOutcome?: ToolOutcome, options: ToolLineOptions = {}): RenderedText {
  const columns = options.columns ?? 60;
  // Redact the whole output before any line is cut short, so no shortened secret slips by.
  const outcome = rawOutcome && { ...rawOutcome, output: redactText(rawOutcome.output).value };
  const head = describeCall(call, options);
  const b = new TextBuilder();
  b.append(`${head.icon ?? '🔧'} `);
  b.appendStyled(head.name ?? call.name, 'bold');
  const result = outcome ? resultText(call, outcome) : '';
  const fixed = graphemes(`${head.icon ?? '🔧'} ${head.name ?? call.name} ${head.detail ?? ''}${result ? ` → ${result}` : ''}`).length;
  const subject = truncate(redactText(head.subject).value, Math.max(12, columns - fixed));
  if (subject) {
    b.append(' ');
    if (head.monospace) b.appendStyled(subject, 'monospace');
    else b.append(subject);
  }
  if (head.detail) b.append(` ${head.detail}`);
  if (result) b.append(` → ${result}`);
  const failed = outcome !== undefined && (outcome.isError || (call.name === 'Bash' && exitCodeOf(outcome) !== 0));
  if (failed) {
    const tail = usefulLines(outcome.output, options.tailLines ?? 6).map((l) => truncate(l, columns));
    // The first line is already in the result for most tools; Bash shows its whole tail.
    const shown = call.name === 'Bash' ? tail : tail.slice(1);
    if (shown.length > 0) {
      b.append('\n');
      b.appendStyled(shown.join('\n'), 'monospace');
    }
  }
  return redactRendered(b.build()).value;
}

/** The progress message body: one line per call, in order. */
export function renderToolActivity(
  entries: readonly { readonly call: ToolCall; readonly outcome?: ToolOutcome }[],
  options: ToolLineOptions = {},
): RenderedDoc {
  const b = new TextBuilder();
  entries.forEach((e, i) => {
    if (i > 0) b.append('\n');
    b.appendRendered(toolActivityLine(e.call, e.outcome, options));
  });
  return b.buildDoc();
}
