// Long text → Signal messages. A body may hold 2,048 UTF-8 bytes (see types.ts). Policy:
// up to `maxParts` messages cut at paragraph, then line, sentence, word and finally grapheme
// boundaries (never inside an emoji sequence or a surrogate pair); beyond that one message
// whose body is a preview and whose full text rides along as a long-text attachment, as
// Signal Desktop and Android do (the phone shows "Read more").
import { sliceRendered } from './text-builder.js';
import {
  LONG_TEXT_CONTENT_TYPE,
  SIGNAL_BODY_LIMIT_BYTES,
  SIGNAL_LONG_TEXT_LIMIT_BYTES,
  type BodyRange,
  type OutgoingAttachment,
  type RenderedMessage,
  type RenderedDoc,
  type RenderedText,
} from './types.js';
import { GraphemeBoundaries, fitUtf8, utf8Bytes, utf8Length } from './unicode.js';

export interface SplitOptions {
  /** Most UTF-8 bytes per part. Default: Signal's body limit. */
  readonly maxBytes?: number;
}

export interface PackOptions extends SplitOptions {
  /** Most messages before switching to preview + long-text attachment. Default 3. */
  readonly maxParts?: number;
  /** Clock for attachment names. */
  readonly now?: () => Date;
  /** Most UTF-8 bytes in the long-text attachment. Default 64 KiB (Android's limit). */
  readonly maxLongTextBytes?: number;
}

/** Half-open offsets of one part in the original text. */
export interface Part {
  readonly start: number;
  readonly end: number;
}

const WS = /\s/;

/** Where to cut `rendered` into parts of at most `maxBytes`, each trimmed of edge whitespace. */
export function splitPoints(rendered: RenderedText, options: SplitOptions = {}): Part[] {
  const maxBytes = options.maxBytes ?? SIGNAL_BODY_LIMIT_BYTES;
  const { text } = rendered;
  const graphemes = new GraphemeBoundaries(text);
  const mono = mergedRanges(rendered.ranges.filter((r) => r.style === 'monospace'));
  const parts: Part[] = [];
  let p = skipSpace(text, 0);
  while (p < text.length) {
    const hardEnd = fitUtf8(text, p, text.length, maxBytes);
    let cut = hardEnd === text.length ? hardEnd : chooseCut(rendered, p, hardEnd, graphemes, mono);
    if (cut <= p) cut = codePointCut(text, p, hardEnd);
    const end = trimEndSpace(text, p, cut);
    if (end > p) parts.push({ start: p, end });
    p = skipSpace(text, cut);
  }
  return parts;
}

export function splitRendered(rendered: RenderedText, options: SplitOptions = {}): RenderedText[] {
  return splitPoints(rendered, options).map((part) => sliceRendered(rendered, part.start, part.end));
}

function chooseCut(rendered: RenderedText, p: number, hardEnd: number, graphemes: GraphemeBoundaries, mono: readonly Part[]): number {
  const { text } = rendered;
  // Do not leave a tiny first part just to reach a nicer boundary.
  const min = p + Math.floor((hardEnd - p) * 0.3);
  const ok = (i: number): boolean => i > min && i <= hardEnd && graphemes.isBoundary(i);
  const outsideCode = (i: number): boolean => !mono.some((r) => r.start < i && i < r.end);
  const candidates: ((i: number) => boolean)[] = [
    (i) => text.startsWith('\n\n', i) && outsideCode(i),
    (i) => text.charAt(i) === '\n' && outsideCode(i),
    (i) => text.charAt(i) === '\n',
    (i) => /[.!?:;]/.test(text.charAt(i - 1)) && text.charAt(i) === ' ',
    (i) => WS.test(text.charAt(i)),
  ];
  for (const accept of candidates) {
    for (let i = hardEnd; i > min; i--) {
      if (accept(i) && ok(i)) return avoidOrphanHeading(rendered, p, i, min);
    }
  }
  return graphemes.atOrBefore(hardEnd);
}

/** A bold line that starts a block right before the cut is a heading: keep it with what follows. */
function avoidOrphanHeading(rendered: RenderedText, p: number, cut: number, min: number): number {
  const { text } = rendered;
  const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
  if (lineStart <= p + 1 || !text.startsWith('\n\n', lineStart - 2)) return cut;
  const heading = rendered.ranges.some((r) => r.style === 'bold' && r.start <= lineStart && r.start + r.length >= cut);
  return heading && lineStart - 2 > min ? lineStart - 2 : cut;
}

/** Last resort for a single grapheme larger than a part: cut between code points. */
function codePointCut(text: string, p: number, hardEnd: number): number {
  let cut = Math.max(hardEnd, p + 1);
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff && cut < text.length) cut = cut - 1 > p ? cut - 1 : cut + 1;
  return cut;
}

function mergedRanges(ranges: readonly BodyRange[]): Part[] {
  const sorted = ranges.map((r) => ({ start: r.start, end: r.start + r.length })).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && WS.test(text.charAt(i))) i++;
  return i;
}

function trimEndSpace(text: string, start: number, end: number): number {
  while (end > start && WS.test(text.charAt(end - 1))) end--;
  return end;
}

/** Turns a rendered document into the messages to send (see the policy at the top). */
export function packForSignal(input: RenderedDoc, options: PackOptions = {}): RenderedMessage[] {
  const doc = trimDoc(input);
  const maxBytes = options.maxBytes ?? SIGNAL_BODY_LIMIT_BYTES;
  const maxParts = Math.max(1, options.maxParts ?? 3);
  const all = doc.attachments.map((a) => a.attachment);
  if (utf8Length(doc.text) <= maxBytes) return [{ body: doc.text, bodyRanges: doc.ranges, attachments: all }];
  const parts = splitPoints(doc, { maxBytes });
  if (parts.length <= maxParts) {
    return parts.map((part, i) => {
      const next = parts[i + 1]?.start ?? Infinity;
      const start = i === 0 ? -Infinity : part.start;
      const slice = sliceRendered(doc, part.start, part.end);
      return {
        body: slice.text,
        bodyRanges: slice.ranges,
        attachments: doc.attachments.filter((a) => a.anchor >= start && a.anchor < next).map((a) => a.attachment),
      };
    });
  }
  return [longTextMessage(doc, parts[0] ?? { start: 0, end: 0 }, all, options)];
}

function longTextMessage(doc: RenderedDoc, preview: Part, attachments: readonly OutgoingAttachment[], options: PackOptions): RenderedMessage {
  const stamp = (options.now ?? (() => new Date()))().getTime();
  const maxLong = options.maxLongTextBytes ?? SIGNAL_LONG_TEXT_LIMIT_BYTES;
  let full: RenderedText = doc;
  const extra: OutgoingAttachment[] = [];
  if (utf8Length(doc.text) > maxLong) {
    // Too long even for a long-text attachment: the attachment holds what fits and says where
    // the rest is; the whole text goes along as a plain file.
    const fileName = `reply-${stamp}.txt`;
    const note = `\n\n… cut here — the whole text is in ${fileName}`;
    const [first] = splitPoints(doc, { maxBytes: maxLong - utf8Length(note) });
    const kept = sliceRendered(doc, 0, first?.end ?? 0);
    full = { text: kept.text + note, ranges: kept.ranges };
    extra.push({ fileName, contentType: 'text/plain', data: utf8Bytes(doc.text) });
  }
  const longText: OutgoingAttachment = { fileName: `long-message-${stamp}.txt`, contentType: LONG_TEXT_CONTENT_TYPE, data: utf8Bytes(full.text) };
  // The body is a prefix of the long text and the ranges are the long text's: what Signal
  // Desktop sends, so the phone styles the preview and the expanded text alike.
  return {
    body: doc.text.slice(0, preview.end),
    bodyRanges: full.ranges,
    attachments: [longText, ...extra, ...attachments],
  };
}

/** The document without leading/trailing whitespace (ranges and anchors moved along). */
export function trimDoc(doc: RenderedDoc): RenderedDoc {
  const start = skipSpace(doc.text, 0);
  const end = trimEndSpace(doc.text, start, doc.text.length);
  if (start === 0 && end === doc.text.length) return doc;
  const slice = sliceRendered(doc, start, end);
  const attachments = doc.attachments.map((a) => ({ attachment: a.attachment, anchor: Math.min(Math.max(0, a.anchor - start), slice.text.length) }));
  return { ...slice, attachments };
}

/** One message from a document that the caller knows is short (no splitting). */
export function singleMessage(doc: RenderedDoc): RenderedMessage {
  return { body: doc.text, bodyRanges: doc.ranges, attachments: doc.attachments.map((a) => a.attachment) };
}
