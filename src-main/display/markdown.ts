// Claude's Markdown → what a phone shows: plain text with Signal style ranges. Headings become
// bold lines, lists keep bullets/numbers, quotes get a bar, tables become aligned monospace when
// narrow and "header: value" lines when wide; code blocks go through a pluggable policy
// (code.ts decides inline / summary / attachment by size).
import { renderInline } from './markdown-inline.js';
import { TextBuilder, prefixLines } from './text-builder.js';
import type { RenderedDoc } from './types.js';
import { displayWidth as widthOf } from './unicode.js';

export interface CodeBlock {
  /** Info string's first word, lower-cased ('' when none). */
  readonly language: string;
  /** The whole info string after the fence (e.g. `ts title="src/app.ts"`). */
  readonly info: string;
  /** The code exactly as written between the fences (final newline dropped). */
  readonly code: string;
  /** 1-based number of this code block in the document. */
  readonly index: number;
}

export interface MarkdownOptions {
  /** Renders a fenced/indented code block; the default shows it whole in monospace. */
  readonly codeBlock?: (block: CodeBlock) => RenderedDoc;
  /** Tables wider than this many columns are shown as "header: value" lines. Default 40. */
  readonly tableColumns?: number;
}

interface Context {
  readonly options: MarkdownOptions;
  codeIndex: number;
}

interface Block {
  readonly doc: RenderedDoc;
  readonly kind: 'heading' | 'paragraph' | 'list' | 'other';
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?:( +)(.*))?$/;
const TABLE_DELIM = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const BULLETS = ['•', '◦', '▪'];

export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): RenderedDoc {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  return renderBlocks(lines, { options, codeIndex: 0 }, 0, '\n\n');
}

function renderBlocks(lines: readonly string[], ctx: Context, depth: number, blockGap: string): RenderedDoc {
  const blocks = parseBlocks(lines, ctx, depth);
  const b = new TextBuilder();
  blocks.forEach((block, i) => {
    if (i > 0) {
      const prev = blocks[i - 1];
      // A heading sits right on top of what it introduces.
      b.append(prev?.kind === 'heading' ? '\n' : blockGap);
    }
    b.appendDoc(block.doc);
  });
  return b.buildDoc();
}

function parseBlocks(lines: readonly string[], ctx: Context, depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[2]?.startsWith('`') && fence[3]?.includes('`'))) {
      const end = closingFence(lines, i, fence[2] ?? '```');
      const indent = fence[1]?.length ?? 0;
      const code = lines.slice(i + 1, end).map((l) => stripIndent(l, indent)).join('\n');
      const language = (fence[3] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      blocks.push({ kind: 'other', doc: codeBlock(ctx, language, (fence[3] ?? '').trim(), code) });
      i = end + 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const b = new TextBuilder();
      b.styled('bold', () => b.appendRendered(renderInline(heading[2] ?? '')));
      blocks.push({ kind: 'heading', doc: b.buildDoc() });
      i++;
      continue;
    }
    if (HR.test(line)) {
      blocks.push({ kind: 'other', doc: { text: '──────────', ranges: [], attachments: [] } });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) inner.push(QUOTE.exec(lines[i++] ?? '')?.[1] ?? '');
      blocks.push({ kind: 'other', doc: prefixLines(renderBlocks(inner, ctx, depth, '\n\n'), '▍ ', '▍ ') });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const list = parseList(lines, i, ctx, depth);
      blocks.push({ kind: 'list', doc: list.doc });
      i = list.end;
      continue;
    }
    if (isTableStart(line, lines[i + 1])) {
      const rows: string[][] = [splitRow(line)];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') rows.push(splitRow(lines[i++] ?? ''));
      blocks.push({ kind: 'other', doc: renderTable(rows, ctx.options.tableColumns ?? 40) });
      continue;
    }
    if (/^( {4}|\t)/.test(line) && depth === 0 && blocks.at(-1)?.kind !== 'paragraph') {
      // Indented code block (only where it cannot be a paragraph's continuation).
      const code: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i] ?? '') || (lines[i] ?? '').trim() === '')) code.push(stripIndent(lines[i++] ?? '', 4));
      while (code.length > 0 && (code.at(-1) ?? '').trim() === '') code.pop();
      blocks.push({ kind: 'other', doc: codeBlock(ctx, '', '', code.join('\n')) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (l.trim() === '' || (para.length > 0 && startsBlock(l, lines[i + 1]))) break;
      para.push(l);
      i++;
    }
    blocks.push({ kind: 'paragraph', doc: paragraph(para) });
  }
  return blocks;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    FENCE_OPEN.test(line) ||
    HEADING.test(line) ||
    HR.test(line) ||
    QUOTE.test(line) ||
    LIST_ITEM.test(line) ||
    isTableStart(line, next)
  );
}

/** A header row followed by a delimiter row such as `|---|:--:|`. */
function isTableStart(line: string, next: string | undefined): boolean {
  return line.includes('|') && next !== undefined && next.includes('|') && next.includes('-') && TABLE_DELIM.test(next);
}

function paragraph(lines: readonly string[]): RenderedDoc {
  const text = lines.map((l) => l.trim()).join('\n');
  return { ...renderInline(text), attachments: [] };
}

function closingFence(lines: readonly string[], open: number, fence: string): number {
  const char = fence.charAt(0);
  for (let j = open + 1; j < lines.length; j++) {
    const t = (lines[j] ?? '').trim();
    if (t.length >= fence.length && t.split('').every((c) => c === char)) return j;
  }
  return lines.length;
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
  return line.slice(n);
}

function codeBlock(ctx: Context, language: string, info: string, code: string): RenderedDoc {
  ctx.codeIndex++;
  const block = { language, info, code, index: ctx.codeIndex };
  if (ctx.options.codeBlock) return ctx.options.codeBlock(block);
  return { text: code, ranges: [{ start: 0, length: code.length, style: 'monospace' }], attachments: [] };
}

function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** A run of list items of one kind (bullets or numbers), each rendered recursively. */
function parseList(lines: readonly string[], start: number, ctx: Context, depth: number): { doc: RenderedDoc; end: number } {
  const first = LIST_ITEM.exec(lines[start] ?? '');
  const ordered = /\d/.test(first?.[2] ?? '');
  let number = ordered ? parseInt(first?.[2] ?? '1', 10) : 0;
  const items: RenderedDoc[] = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i] ?? '');
    if (!m || /\d/.test(m[2] ?? '') !== ordered || HR.test(lines[i] ?? '')) break;
    const markerIndent = indentOf(m[1] ?? '');
    const spaces = (m[3] ?? ' ').length;
    const contentIndent = markerIndent + (m[2] ?? '').length + (spaces > 4 ? 1 : spaces);
    const content: string[] = [(spaces > 4 ? ' '.repeat(spaces - 1) : '') + (m[4] ?? '')];
    i++;
    let lastBlank = false;
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (l.trim() === '') {
        content.push('');
        lastBlank = true;
        i++;
        continue;
      }
      const ind = indentOf(l);
      const nested = LIST_ITEM.test(l) && ind > markerIndent;
      if (ind >= contentIndent || nested) content.push(stripIndent(l, Math.min(ind, contentIndent)));
      else if (!lastBlank && !startsBlock(l, lines[i + 1])) content.push(l.trim()); // lazy continuation
      else break;
      lastBlank = false;
      i++;
    }
    // Give back trailing blank lines (never the item's own first line).
    while (content.length > 1 && content.at(-1) === '') {
      content.pop();
      i--;
    }
    i += skipBlank(lines, i);
    items.push(listItem(content, ctx, depth, ordered ? `${number}. ` : `${BULLETS[Math.min(depth, BULLETS.length - 1)] ?? '•'} `));
    number++;
  }
  const b = new TextBuilder();
  items.forEach((item, k) => {
    if (k > 0) b.append('\n');
    b.appendDoc(item);
  });
  return { doc: b.buildDoc(), end: i };
}

function skipBlank(lines: readonly string[], i: number): number {
  let n = 0;
  while (i + n < lines.length && (lines[i + n] ?? '').trim() === '') n++;
  // Blank lines only belong to the list when another item follows them.
  return i + n < lines.length && LIST_ITEM.test(lines[i + n] ?? '') ? n : 0;
}

function listItem(content: string[], ctx: Context, depth: number, marker: string): RenderedDoc {
  let bullet = marker;
  const task = /^\[([ xX])\]\s+/.exec(content[0] ?? '');
  if (task && !/\d/.test(marker)) {
    bullet = task[1] === ' ' ? '☐ ' : '☑ ';
    content[0] = (content[0] ?? '').slice(task[0].length);
  }
  const inner = renderBlocks(content, ctx, depth + 1, '\n');
  return prefixLines(inner, bullet, ' '.repeat(Math.min(bullet.length, 4)));
}

function splitRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charAt(i);
    if (c === '\\' && t.charAt(i + 1) === '|') {
      cur += '|';
      i++;
    } else if (c === '`') {
      inCode = !inCode;
      cur += c;
    } else if (c === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

function renderTable(rows: readonly string[][], maxColumns: number): RenderedDoc {
  const header = rows[0] ?? [];
  const cells = rows.map((r) => header.map((_, c) => renderInline(r[c] ?? '')));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => widthOf(r[c]?.text ?? ''))));
  const total = widths.reduce((a, w) => a + w, 0) + 3 * Math.max(0, widths.length - 1);
  const b = new TextBuilder();
  if (total <= maxColumns) {
    // Narrow enough: an aligned monospace grid, header in bold.
    cells.forEach((row, r) => {
      if (r > 0) b.append('\n');
      const start = b.length;
      row.forEach((cell, c) => {
        if (c > 0) b.append(' │ ');
        b.appendRendered(cell);
        if (c < row.length - 1) b.append(' '.repeat((widths[c] ?? 0) - widthOf(cell.text)));
      });
      b.addRange(start, b.length - start, 'monospace');
      if (r === 0) {
        b.addRange(start, b.length - start, 'bold');
        b.append('\n');
        b.appendStyled(widths.map((w) => '─'.repeat(w)).join('─┼─'), 'monospace');
      }
    });
    return b.buildDoc();
  }
  // Too wide for a phone: one short block per row, first cell in bold.
  cells.slice(1).forEach((row, r) => {
    if (r > 0) b.append('\n\n');
    b.styled('bold', () => b.appendRendered(row[0] ?? { text: '', ranges: [] }));
    row.slice(1).forEach((cell, c) => {
      if (cell.text === '') return;
      b.append(`\n${renderInline(header[c + 1] ?? '').text}: `);
      b.appendRendered(cell);
    });
  });
  return b.buildDoc();
}
