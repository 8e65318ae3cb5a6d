// Text measuring for a phone: UTF-8 sizes (Signal's limits are in bytes), grapheme clusters
// (never cut an emoji ZWJ sequence, a flag or a skin tone) and display columns.

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  // Counting beats encoding for the sizes we see (a reply is at most tens of kilobytes).
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The largest index ≤ `maxEnd` such that text[start, index) fits in `maxBytes` UTF-8 bytes. */
export function fitUtf8(text: string, start: number, maxEnd: number, maxBytes: number): number {
  let bytes = 0;
  let i = start;
  while (i < maxEnd) {
    const c = text.charCodeAt(i);
    let size = 3;
    let width = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        size = 4;
        width = 2;
      }
    }
    if (bytes + size > maxBytes || i + width > maxEnd) break;
    bytes += size;
    i += width;
  }
  return i;
}

/** Grapheme-cluster boundaries of one text, looked up lazily around the offsets asked for. */
export class GraphemeBoundaries {
  private readonly segments: Intl.Segments;

  constructor(private readonly text: string) {
    this.segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
  }

  isBoundary(index: number): boolean {
    if (index <= 0 || index >= this.text.length) return true;
    return this.segments.containing(index)?.index === index;
  }

  /** The nearest boundary at or before `index`. */
  atOrBefore(index: number): number {
    if (index <= 0) return 0;
    if (index >= this.text.length) return this.text.length;
    return this.segments.containing(index)?.index ?? index;
  }

  /** The nearest boundary at or after `index`. */
  atOrAfter(index: number): number {
    if (index <= 0) return 0;
    if (index >= this.text.length) return this.text.length;
    const seg = this.segments.containing(index);
    if (!seg || seg.index === index) return index;
    return seg.index + seg.segment.length;
  }
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  // Printable ASCII (most commands, paths and code) is one grapheme per character; the segmenter
  // costs far more and showed up in the 50-session profile (tool lines are cut to width often).
  if (/^[\x20-\x7e]*$/.test(text)) return text.split('');
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** Columns a text takes in a monospace font (ASCII without a segmenter: tables are mostly ASCII). */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let w = 0;
  for (const g of graphemes(text)) w += graphemeWidth(g);
  return w;
}

/** Columns a grapheme takes in a monospace font: wide (CJK, emoji) count two. */
export function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * Wraps one line to `columns` for display: breaks after a space when one is near, otherwise
 * between graphemes. Continuation lines start with `continuation`.
 */
export function wrapLine(line: string, columns: number, continuation = '↪ '): string[] {
  if (line.length <= columns && !/[^\x20-\x7e]/.test(line)) return [line];
  const lines: string[][] = [];
  let current: string[] = [];
  let width = 0;
  let lastSpace = -1;
  const limit = (): number => (lines.length === 0 ? columns : Math.max(8, columns - continuation.length));
  // Printable ASCII is one column per character: no segmenter needed (most code is ASCII).
  for (const g of /^[\x20-\x7e]*$/.test(line) ? line.split('') : graphemes(line)) {
    const w = graphemeWidth(g);
    if (width + w > limit() && current.length > 0) {
      let rest: string[] = [];
      // Break after the last space when that still leaves the line at least half full.
      if (lastSpace > 0 && lastSpace + 1 < current.length && lastSpace + 1 >= current.length / 2) {
        rest = current.slice(lastSpace + 1);
        current = current.slice(0, lastSpace + 1);
      }
      lines.push(current);
      current = rest;
      width = rest.reduce((n, c) => n + graphemeWidth(c), 0);
      lastSpace = current.lastIndexOf(' ');
    }
    current.push(g);
    width += w;
    if (g === ' ') lastSpace = current.length - 1;
  }
  lines.push(current);
  return lines.map((l, i) => (i === 0 ? l.join('').trimEnd() : `${continuation}${l.join('').trimEnd()}`));
}
