// Builds text and its style ranges together, so a range is always measured on the text it
// styles. Offsets are UTF-16 code units (JS string indices), as in Signal's BodyRange.
import type { AnchoredAttachment, BodyRange, BodyRangeStyle, OutgoingAttachment, RenderedDoc, RenderedText } from './types.js';

export class TextBuilder {
  private readonly parts: string[] = [];
  private readonly rangeList: BodyRange[] = [];
  private readonly attachmentList: AnchoredAttachment[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  append(text: string): this {
    if (text.length > 0) {
      this.parts.push(text);
      this.size += text.length;
    }
    return this;
  }

  /** Appends `text` styled with each of `styles` (in that order). */
  appendStyled(text: string, ...styles: BodyRangeStyle[]): this {
    const start = this.size;
    this.append(text);
    for (const style of styles) this.addRange(start, this.size - start, style);
    return this;
  }

  /** Appends already rendered text, moving its ranges to where it lands. */
  appendRendered(rendered: RenderedText): this {
    const offset = this.size;
    this.append(rendered.text);
    for (const r of rendered.ranges) this.addRange(r.start + offset, r.length, r.style);
    return this;
  }

  /** Appends a rendered document: its text, ranges and attachments (anchors moved along). */
  appendDoc(doc: RenderedText & { readonly attachments?: readonly AnchoredAttachment[] }): this {
    const offset = this.size;
    this.appendRendered(doc);
    for (const a of doc.attachments ?? []) this.attachmentList.push({ attachment: a.attachment, anchor: a.anchor + offset });
    return this;
  }

  /** Attaches a file next to what is appended from here on. */
  attach(attachment: OutgoingAttachment, anchor = this.size): this {
    this.attachmentList.push({ attachment, anchor });
    return this;
  }

  /** Styles what `fill` appends. */
  styled(style: BodyRangeStyle, fill: () => void): this {
    const start = this.size;
    fill();
    this.addRange(start, this.size - start, style);
    return this;
  }

  addRange(start: number, length: number, style: BodyRangeStyle): void {
    if (length > 0) this.rangeList.push({ start, length, style });
  }

  /** The last character appended, or '' when empty. */
  lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? '' : last.charAt(last.length - 1);
  }

  /** Ends the text with exactly `count` newlines (unless it is empty). */
  ensureNewlines(count: number): this {
    if (this.size === 0) return this;
    const tail = this.tail(count);
    let have = 0;
    while (have < tail.length && tail.charAt(tail.length - 1 - have) === '\n') have++;
    if (have < count) this.append('\n'.repeat(count - have));
    return this;
  }

  build(): RenderedText {
    const text = this.parts.join('');
    return { text, ranges: normalizeRanges(this.rangeList, text.length) };
  }

  buildDoc(): RenderedDoc {
    const { text, ranges } = this.build();
    const attachments = this.attachmentList.map((a) => ({ attachment: a.attachment, anchor: Math.min(a.anchor, text.length) }));
    return { text, ranges, attachments };
  }

  private tail(count: number): string {
    let out = '';
    for (let i = this.parts.length - 1; i >= 0 && out.length < count; i--) out = (this.parts[i] ?? '') + out;
    return out.slice(-count);
  }
}

/** Drops empty ranges, clips them to the text and orders them by start (then longest first). */
export function normalizeRanges(ranges: readonly BodyRange[], textLength: number): BodyRange[] {
  const out: BodyRange[] = [];
  for (const r of ranges) {
    const start = Math.max(0, r.start);
    const end = Math.min(textLength, r.start + r.length);
    if (end > start) out.push({ start, length: end - start, style: r.style });
  }
  out.sort((a, b) => a.start - b.start || b.length - a.length || a.style.localeCompare(b.style));
  return out;
}

/** The part of `rendered` between `start` and `end`, with ranges re-based to the slice. */
export function sliceRendered(rendered: RenderedText, start: number, end: number): RenderedText {
  const ranges: BodyRange[] = [];
  for (const r of rendered.ranges) {
    const s = Math.max(start, r.start);
    const e = Math.min(end, r.start + r.length);
    if (e > s) ranges.push({ start: s - start, length: e - s, style: r.style });
  }
  return { text: rendered.text.slice(start, end), ranges };
}

/** Rendered pieces joined by `separator` (unstyled). */
export function joinRendered(pieces: readonly RenderedText[], separator: string): RenderedText {
  const b = new TextBuilder();
  pieces.forEach((p, i) => {
    if (i > 0) b.append(separator);
    b.appendRendered(p);
  });
  return b.build();
}

export function plain(text: string): RenderedText {
  return { text, ranges: [] };
}

/**
 * Puts `first` before the first line of `doc` and `rest` before every later one (blank lines
 * get `rest` without trailing spaces). Ranges are split per line so none covers a prefix.
 */
export function prefixLines(doc: RenderedDoc, first: string, rest: string): RenderedDoc {
  const lines = doc.text.split('\n');
  const lineStarts: number[] = [];
  const shifts: number[] = [];
  const out: string[] = [];
  let pos = 0;
  let shift = 0;
  lines.forEach((line, i) => {
    const prefix = i === 0 ? first : line.length === 0 ? rest.trimEnd() : rest;
    shift += prefix.length;
    lineStarts.push(pos);
    shifts.push(shift);
    out.push(prefix + line);
    pos += line.length + 1;
  });
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ranges: BodyRange[] = [];
  for (const r of doc.ranges) {
    const end = r.start + r.length;
    for (let li = lineOf(r.start); li < lines.length && (lineStarts[li] ?? 0) < end; li++) {
      const ls = lineStarts[li] ?? 0;
      const le = ls + (lines[li]?.length ?? 0);
      const s = Math.max(r.start, ls);
      const e = Math.min(end, le);
      if (e > s) ranges.push({ start: s + (shifts[li] ?? 0), length: e - s, style: r.style });
    }
  }
  const attachments = doc.attachments.map((a) => ({ attachment: a.attachment, anchor: a.anchor + (shifts[lineOf(a.anchor)] ?? 0) }));
  return { text: out.join('\n'), ranges, attachments };
}
