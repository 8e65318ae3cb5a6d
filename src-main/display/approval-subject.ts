// What an approval request shows of the call itself, so the owner can judge it from the phone:
// the exact change of an Edit/Write (a compact diff, or a new file's first lines and size), the
// full command of a Bash call with its folder and sandbox, the URL of a fetch. A change too long
// for one message becomes a one-line summary here and the whole patch rides along as `.patch`.
import { displayLines, DEFAULT_CODE_POLICY } from './code.js';
import { diffFileImage } from './diff-compute.js';
import { parseUnifiedDiff, type FileDiff } from './diff-parse.js';
import { appendFileHeader, PATCH_CONTENT_TYPE, renderFileDiff } from './diff.js';
import { formatBytes } from './inbound.js';
import { redactPatch } from './redact.js';
import { TextBuilder } from './text-builder.js';
import type { OutgoingAttachment, RenderedDoc } from './types.js';
import { utf8Bytes, utf8Length } from './unicode.js';

/** What a tool call would do, as the worker describes it (agent/approval-subject.ts parses it). */
export type ApprovalSubject =
  | {
      readonly kind: 'change';
      /** Project-relative path, forward slashes. */
      readonly path: string;
      /** The file now; null when the call creates it. */
      readonly before: string | null;
      /** The file as the call would leave it. */
      readonly after: string;
    }
  | {
      readonly kind: 'command';
      readonly command: string;
      /** The folder the command starts in. */
      readonly cwd: string;
      /** Whether it runs inside the OS sandbox (Bash). */
      readonly sandboxed: boolean;
    }
  | { readonly kind: 'url'; readonly url: string };

/** The subject in full, and the short form used when the full one does not fit the message. */
export interface SubjectView {
  readonly full: RenderedDoc;
  readonly short: RenderedDoc;
}

/** Lines of a new file shown before "⋯ N more lines". */
const NEW_FILE_LINES = 8;
const COLUMNS = 60;

export interface ChangeFacts {
  /** The git-style patch of the change, secrets redacted. */
  readonly patch: string;
  readonly file: FileDiff | undefined;
  readonly redacted: number;
}

/** The change as a patch (context 3, as git shows it), secrets redacted. */
export function changeFacts(s: Extract<ApprovalSubject, { kind: 'change' }>): ChangeFacts {
  const redacted = redactPatch(diffFileImage({ path: s.path, before: s.before, after: s.after }));
  return { patch: redacted.value, file: parseUnifiedDiff(redacted.value)[0], redacted: redacted.count };
}

export function renderSubject(subject: ApprovalSubject): SubjectView {
  switch (subject.kind) {
    case 'change':
      return renderChange(subject);
    case 'command':
      return renderCommand(subject);
    case 'url': {
      const doc = new TextBuilder().append('🌐 ').appendStyled(subject.url, 'monospace').buildDoc();
      return { full: doc, short: doc };
    }
  }
}

function renderChange(s: Extract<ApprovalSubject, { kind: 'change' }>): SubjectView {
  const facts = changeFacts(s);
  const file = facts.file;
  const name = `${baseName(s.path)}.patch`;
  const attachment: OutgoingAttachment = { fileName: name, contentType: PATCH_CONTENT_TYPE, data: utf8Bytes(facts.patch) };
  const warn = facts.redacted > 0 ? `\n⚠️ ${facts.redacted} secret${facts.redacted === 1 ? '' : 's'} hidden here` : '';
  if (!file) {
    const doc = new TextBuilder().append('✏️ ').appendStyled(s.path, 'bold').append(' (no change)').buildDoc();
    return { full: doc, short: doc };
  }
  const full = new TextBuilder();
  if (s.before === null) appendNewFile(full, s.path, s.after);
  else full.appendDoc(renderFileDiff(file, { context: 2, wrapColumns: COLUMNS }));
  full.append(warn);
  const short = new TextBuilder();
  appendFileHeader(short, file);
  if (s.before === null) short.append(` · ${lineCount(s.after)} · ${formatBytes(utf8Length(s.after))}`);
  else if (file.hunks.length > 1) short.append(` · in ${file.hunks.length} places`);
  short.append('\n📎 ');
  short.attach(attachment);
  short.appendStyled(name, 'bold');
  short.append(' — the whole change, attached');
  short.append(warn);
  return { full: full.buildDoc(), short: short.buildDoc() };
}

function appendNewFile(b: TextBuilder, path: string, content: string): void {
  b.append('🆕 ');
  b.appendStyled(path, 'bold');
  b.append(` (new file, ${lineCount(content)}, ${formatBytes(utf8Length(content))})`);
  if (content.length === 0) return;
  const lines = splitLines(content);
  const rows = displayLines(lines.slice(0, NEW_FILE_LINES), { ...DEFAULT_CODE_POLICY, wrapColumns: COLUMNS, maxRowsPerLine: 2 });
  b.append('\n');
  b.appendStyled(rows.join('\n'), 'monospace');
  const more = lines.length - NEW_FILE_LINES;
  if (more > 0) {
    b.append('\n');
    b.appendStyled(`⋯ ${more} more line${more === 1 ? '' : 's'}`, 'italic');
  }
}

function renderCommand(s: Extract<ApprovalSubject, { kind: 'command' }>): SubjectView {
  const tail = (b: TextBuilder): void => {
    b.append('\n📁 ');
    b.appendStyled(s.cwd, 'monospace');
    b.append(s.sandboxed ? '\n🔒 runs sandboxed' : '\n🔓 runs unsandboxed: it can change anything your account can');
  };
  const full = new TextBuilder().appendStyled(s.command, 'monospace');
  tail(full);
  const lines = splitLines(s.command);
  const first = lines[0] ?? '';
  const short = new TextBuilder().appendStyled(`${first.length > 120 ? first.slice(0, 120) : first} …`, 'monospace');
  short.append(`\n📎 `);
  short.attach({ fileName: 'command.sh', contentType: 'text/plain', data: utf8Bytes(s.command) });
  short.appendStyled('command.sh', 'bold');
  short.append(` — the whole command (${lineCount(s.command)}, ${formatBytes(utf8Length(s.command))}), attached`);
  tail(short);
  return { full: full.buildDoc(), short: short.buildDoc() };
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineCount(text: string): string {
  const n = text.length === 0 ? 0 : splitLines(text).length;
  return `${n} line${n === 1 ? '' : 's'}`;
}

function baseName(path: string): string {
  return (path.split('/').pop() || 'change').replace(/[^\w.+-]/g, '_');
}
