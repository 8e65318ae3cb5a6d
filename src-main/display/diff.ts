// Diffs on a phone: one block per file with `+N −M`, new/deleted/renamed marked, unchanged
// runs collapsed to "⋯ N unchanged lines". A diff too long for one message becomes a short
// summary plus a `.patch` attachment that `git apply` accepts.
import { DEFAULT_CODE_POLICY, displayLines } from './code.js';
import { displayPath, parseUnifiedDiff, type FileDiff, type Hunk } from './diff-parse.js';
import { redactPatch } from './redact.js';
import { packForSignal, singleMessage } from './split.js';
import { TextBuilder } from './text-builder.js';
import { SIGNAL_BODY_LIMIT_BYTES, type RenderedMessage, type RenderedDoc } from './types.js';
import { utf8Bytes, utf8Length } from './unicode.js';

export interface DiffRenderOptions {
  /** Unchanged lines kept around each change. Default 2. */
  readonly context?: number;
  readonly wrapColumns?: number;
}

export interface PhoneDiffOptions extends DiffRenderOptions {
  /** Most UTF-8 bytes shown inline before switching to summary + `.patch`. Default: one body. */
  readonly inlineMaxBytes?: number;
  /** Name of the `.patch` attachment; default `<file>.patch` for one file, else `changes.patch`. */
  readonly patchFileName?: string;
  /** Said when there is nothing to show. */
  readonly emptyText?: string;
  /** Most files listed in a summary. Default 25. */
  readonly summaryMaxFiles?: number;
  /** A closing line (e.g. "3 more new files not shown"). */
  readonly footer?: string;
}

export const PATCH_CONTENT_TYPE = 'text/x-patch';
const MINUS = '−'; // U+2212, as in "+3 −1"

export function countsLabel(added: number, removed: number): string {
  if (added === 0 && removed === 0) return '';
  if (removed === 0) return `+${added}`;
  if (added === 0) return `${MINUS}${removed}`;
  return `+${added} ${MINUS}${removed}`;
}

function fileTitle(f: FileDiff): { icon: string; name: string; note: string } {
  const modeNote = f.oldMode && f.newMode && f.oldMode !== f.newMode ? ` (mode ${f.oldMode} → ${f.newMode})` : '';
  const binary = f.binary ? ' (binary)' : '';
  switch (f.status) {
    case 'added':
      return { icon: '🆕', name: displayPath(f), note: ` (new)${binary}` };
    case 'deleted':
      return { icon: '🗑️', name: displayPath(f), note: ` (deleted)${binary}` };
    case 'renamed':
      return { icon: '🔀', name: `${f.oldPath ?? '?'} → ${f.newPath ?? '?'}`, note: `${binary}${modeNote}` };
    case 'copied':
      return { icon: '📋', name: `${f.oldPath ?? '?'} → ${f.newPath ?? '?'}`, note: ` (copy)${binary}` };
    default:
      return { icon: '✏️', name: displayPath(f), note: `${binary}${modeNote}` };
  }
}

/** "✏️ src/app.ts +3 −1": the path in bold. */
export function appendFileHeader(b: TextBuilder, f: FileDiff): void {
  const t = fileTitle(f);
  b.append(`${t.icon} `);
  b.appendStyled(t.name, 'bold');
  const counts = countsLabel(f.added, f.removed);
  b.append(`${t.note}${counts ? `  ${counts}` : ''}`);
}

/** One file's hunks with unchanged runs collapsed. */
export function renderFileDiff(f: FileDiff, options: DiffRenderOptions = {}): RenderedDoc {
  const context = options.context ?? 2;
  const b = new TextBuilder();
  appendFileHeader(b, f);
  for (const hunk of f.hunks) appendHunk(b, hunk, context, options.wrapColumns ?? 60);
  return b.buildDoc();
}

function appendHunk(b: TextBuilder, hunk: Hunk, context: number, columns: number): void {
  const rows: string[] = [];
  const lines = hunk.lines.filter((l) => l.kind !== '\\');
  const changed = lines.map((l) => l.kind !== ' ');
  // Line number of the first line shown, for the "⋯ line N" marker (a hunk without a change,
  // only in a hand-made patch, shows from its start).
  const skippedHead = Math.max(0, changed.indexOf(true) - context);
  b.append('\n');
  b.appendStyled(`⋯ line ${hunk.newStart + skippedHead}${hunk.section ? ` · ${hunk.section.trim()}` : ''}`, 'italic');
  const flush = (): void => {
    if (rows.length === 0) return;
    b.append('\n');
    b.appendStyled(rows.join('\n'), 'monospace');
    rows.length = 0;
  };
  let i = skippedHead;
  while (i < lines.length) {
    const line = lines[i];
    if (!line) break;
    if (line.kind !== ' ') {
      rows.push(...displayLines([`${line.kind} ${line.text}`], { ...DEFAULT_CODE_POLICY, wrapColumns: columns }));
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < lines.length && lines[runEnd]?.kind === ' ') runEnd++;
    const run = runEnd - i;
    const atEnd = runEnd === lines.length;
    const keepHead = Math.min(run, context);
    const keepTail = atEnd ? 0 : Math.min(run - keepHead, context);
    const hidden = run - keepHead - keepTail;
    const show = (from: number, to: number): void => {
      for (let k = from; k < to; k++) rows.push(...displayLines([`  ${lines[k]?.text ?? ''}`], { ...DEFAULT_CODE_POLICY, wrapColumns: columns }));
    };
    if (hidden > 1 || (atEnd && hidden > 0)) {
      show(i, i + keepHead);
      if (!atEnd) {
        flush();
        b.append('\n');
        // Always two or more here: a single unchanged line is shown rather than a marker for it.
        b.appendStyled(`⋯ ${hidden} unchanged lines`, 'italic');
      }
      show(runEnd - keepTail, runEnd);
    } else show(i, runEnd);
    i = runEnd;
  }
  flush();
}

function totals(files: readonly FileDiff[]): { added: number; removed: number } {
  return files.reduce((t, f) => ({ added: t.added + f.added, removed: t.removed + f.removed }), { added: 0, removed: 0 });
}

function summaryLine(b: TextBuilder, files: readonly FileDiff[]): void {
  const t = totals(files);
  b.appendStyled(`${files.length} file${files.length === 1 ? '' : 's'} changed`, 'bold');
  const counts = countsLabel(t.added, t.removed);
  if (counts) b.append(`  ${counts}`);
}

/** Every file's diff, one after another under a total line. */
export function renderDiff(files: readonly FileDiff[], options: DiffRenderOptions = {}): RenderedDoc {
  const b = new TextBuilder();
  summaryLine(b, files);
  for (const f of files) {
    b.append('\n\n');
    b.appendDoc(renderFileDiff(f, options));
  }
  return b.buildDoc();
}

/** The file list only: one line per file with its counts. */
export function renderDiffSummary(files: readonly FileDiff[], maxFiles = 25): RenderedDoc {
  const b = new TextBuilder();
  summaryLine(b, files);
  for (const f of files.slice(0, maxFiles)) {
    b.append('\n');
    appendFileHeader(b, f);
  }
  if (files.length > maxFiles) b.append(`\n… and ${files.length - maxFiles} more`);
  return b.buildDoc();
}

/**
 * What the phone receives for a diff (the `/diff` command and the e2e test use this): inline
 * when it fits one message, otherwise a summary with the patch attached. Secrets are redacted
 * first, in the shown text and the patch alike.
 */
export function renderDiffForPhone(diff: string | readonly FileDiff[], options: PhoneDiffOptions = {}): RenderedMessage[] {
  const source = typeof diff === 'string' ? diff : diff.map((f) => f.patch).join('');
  const redacted = redactPatch(source);
  const files = parseUnifiedDiff(redacted.value);
  if (files.length === 0) return [{ body: options.emptyText ?? 'No changes.', bodyRanges: [], attachments: [] }];
  const footer = options.footer ? `\n\n${options.footer}` : '';
  const warning = footer + (redacted.count > 0 ? `\n\n⚠️ ${redacted.count} secret${redacted.count === 1 ? '' : 's'} redacted; the patch may not apply where ${redacted.count === 1 ? 'it was' : 'they were'}.` : '');
  const inline = renderDiff(files, options);
  const limit = options.inlineMaxBytes ?? SIGNAL_BODY_LIMIT_BYTES;
  if (utf8Length(inline.text) + utf8Length(warning) <= limit) {
    const b = new TextBuilder().appendDoc(inline).append(warning);
    return [singleMessage(b.buildDoc())];
  }
  const name = options.patchFileName ?? (files.length === 1 ? `${baseName(displayPath(files[0] as FileDiff))}.patch` : 'changes.patch');
  const b = new TextBuilder();
  b.attach({ fileName: name, contentType: PATCH_CONTENT_TYPE, data: utf8Bytes(files.map((f) => f.patch).join('')) });
  b.appendDoc(renderDiffSummary(files, options.summaryMaxFiles ?? 25));
  b.append('\n\n📎 ');
  b.appendStyled(name, 'bold');
  b.append(' — the whole diff; apply with ');
  b.appendStyled(`git apply ${name}`, 'monospace');
  b.append(warning);
  return packForSignal(b.buildDoc(), { maxParts: 1 });
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/[^\w.+-]/g, '_');
}
