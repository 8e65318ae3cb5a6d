// Inline Markdown (one paragraph's text) → plain text + Signal style ranges. Follows
// CommonMark's delimiter rules closely enough that snake_case names, `2 * 3 * 4` and
// `**bold**text` behave as a reader expects; GFM `~~strike~~` and Discord-style `||spoiler||`.
import { TextBuilder } from './text-builder.js';
import type { BodyRangeStyle, RenderedText } from './types.js';

type DelimChar = '*' | '_' | '~' | '|';

interface TextToken {
  readonly kind: 'text';
  readonly text: string;
}
interface RenderedToken {
  readonly kind: 'rendered';
  readonly rendered: RenderedText;
}
interface DelimToken {
  readonly kind: 'delim';
  readonly char: DelimChar;
  count: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
  active: boolean;
  /** Styles this delimiter opens, outermost first. */
  readonly opens: BodyRangeStyle[];
  /** Styles this delimiter closes, innermost first. */
  readonly closes: BodyRangeStyle[];
}
type Token = TextToken | RenderedToken | DelimToken;

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCT = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };
const AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)>/;
const ENTITY = /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/;

export function renderInline(source: string): RenderedText {
  const tokens = tokenize(source);
  processEmphasis(tokens);
  return flatten(tokens);
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf) tokens.push({ kind: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === '\\') {
      const next = s.charAt(i + 1);
      if (next === '\n') {
        buf += '\n';
        i += 2;
        continue;
      }
      if (next && ESCAPABLE.test(next)) {
        buf += next;
        i += 2;
        continue;
      }
      buf += c;
      i++;
      continue;
    }
    if (c === '`') {
      const span = codeSpan(s, i);
      if (span) {
        flush();
        tokens.push({ kind: 'rendered', rendered: { text: span.text, ranges: [{ start: 0, length: span.text.length, style: 'monospace' }] } });
        i = span.end;
      } else {
        const run = runLength(s, i, '`');
        buf += s.slice(i, i + run);
        i += run;
      }
      continue;
    }
    if (c === '[' || (c === '!' && s.charAt(i + 1) === '[')) {
      const link = parseLink(s, c === '!' ? i + 1 : i);
      if (link) {
        flush();
        tokens.push({ kind: 'rendered', rendered: renderLink(link.label, link.url, c === '!') });
        i = link.end;
        continue;
      }
      buf += c;
      i++;
      continue;
    }
    if (c === '<') {
      const m = AUTOLINK.exec(s.slice(i, i + 2100));
      if (m?.[1] !== undefined) {
        buf += m[1];
        i += m[0].length;
        continue;
      }
      const br = /^<br\s*\/?>/i.exec(s.slice(i, i + 8));
      if (br) {
        buf += '\n';
        i += br[0].length;
        continue;
      }
    }
    if (c === '&') {
      const m = ENTITY.exec(s.slice(i, i + 12));
      const decoded = m?.[1] === undefined ? undefined : decodeEntity(m[1]);
      if (m && decoded !== undefined) {
        buf += decoded;
        i += m[0].length;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~' || c === '|') {
      const run = runLength(s, i, c);
      // `~` and `|` only count doubled: "~5 min" and "a | b" are text.
      if ((c === '~' || c === '|') && run !== 2) {
        buf += s.slice(i, i + run);
        i += run;
        continue;
      }
      const before = i === 0 ? '\n' : s.charAt(i - 1);
      const after = i + run >= s.length ? '\n' : s.charAt(i + run);
      const left = !WHITESPACE.test(after) && (!PUNCT.test(after) || WHITESPACE.test(before) || PUNCT.test(before));
      const right = !WHITESPACE.test(before) && (!PUNCT.test(before) || WHITESPACE.test(after) || PUNCT.test(after));
      const canOpen = c === '_' ? left && (!right || PUNCT.test(before)) : left;
      const canClose = c === '_' ? right && (!left || PUNCT.test(after)) : right;
      flush();
      tokens.push({ kind: 'delim', char: c, count: run, canOpen, canClose, active: true, opens: [], closes: [] });
      i += run;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return tokens;
}

function runLength(s: string, i: number, c: string): number {
  let n = 0;
  while (s.charAt(i + n) === c) n++;
  return n;
}

function codeSpan(s: string, i: number): { text: string; end: number } | undefined {
  const n = runLength(s, i, '`');
  let j = i + n;
  while (j < s.length) {
    const k = s.indexOf('`', j);
    if (k < 0) return undefined;
    const m = runLength(s, k, '`');
    if (m === n) {
      let text = s.slice(i + n, k).replace(/\n/g, ' ');
      if (text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') text = text.slice(1, -1);
      return { text, end: k + m };
    }
    j = k + m;
  }
  return undefined;
}

/** `[label](url "title")` starting at the `[`; undefined when it is not a link. */
function parseLink(s: string, open: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let i = open; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const span = codeSpan(s, i);
      if (span) i = span.end - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0 || s.charAt(close + 1) !== '(') return undefined;
  let i = close + 2;
  while (s.charAt(i) === ' ') i++;
  let url: string;
  if (s.charAt(i) === '<') {
    const end = s.indexOf('>', i);
    if (end < 0) return undefined;
    url = s.slice(i + 1, end);
    i = end + 1;
  } else {
    let parens = 0;
    const start = i;
    for (; i < s.length; i++) {
      const c = s.charAt(i);
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '(') parens++;
      else if (c === ')') {
        if (parens === 0) break;
        parens--;
      } else if (WHITESPACE.test(c)) break;
    }
    url = s.slice(start, i);
  }
  while (s.charAt(i) === ' ') i++;
  const q = s.charAt(i);
  if (q === '"' || q === "'") {
    const end = s.indexOf(q, i + 1);
    if (end < 0) return undefined;
    i = end + 1;
    while (s.charAt(i) === ' ') i++;
  }
  if (s.charAt(i) !== ')') return undefined;
  return { label: s.slice(open + 1, close), url, end: i + 1 };
}

function renderLink(label: string, url: string, image: boolean): RenderedText {
  const inner = renderInline(label);
  const b = new TextBuilder();
  if (image) b.append('🖼 ');
  b.appendRendered(inner);
  const shown = inner.text.trim();
  const same = shown === url || `mailto:${shown}` === url || `https://${shown}` === url || `http://${shown}` === url;
  if (url && !same) b.append(shown ? ` (${url})` : url);
  return b.build();
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[name];
}

const STYLE: Record<DelimChar, (use: number) => BodyRangeStyle> = {
  '*': (use) => (use === 2 ? 'bold' : 'italic'),
  _: (use) => (use === 2 ? 'bold' : 'italic'),
  '~': () => 'strikethrough',
  '|': () => 'spoiler',
};

/** CommonMark's "process emphasis": pair closers with the nearest usable opener. */
function processEmphasis(tokens: Token[]): void {
  // Lowest index worth searching for an opener of each kind, so a long paragraph of
  // unmatched stars stays linear.
  const bottom = new Map<string, number>();
  for (let ci = 0; ci < tokens.length; ci++) {
    const closer = tokens[ci];
    if (closer?.kind !== 'delim' || !closer.canClose || !closer.active) continue;
    while (closer.count > 0) {
      const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.count % 3}`;
      const floor = bottom.get(key) ?? -1;
      let oi = -1;
      for (let k = ci - 1; k > floor; k--) {
        const t = tokens[k];
        if (t?.kind !== 'delim' || !t.active || t.char !== closer.char || !t.canOpen || t.count === 0) continue;
        if (
          (closer.char === '*' || closer.char === '_') &&
          (t.canClose || closer.canOpen) &&
          (t.count + closer.count) % 3 === 0 &&
          !(t.count % 3 === 0 && closer.count % 3 === 0)
        ) {
          continue;
        }
        oi = k;
        break;
      }
      if (oi < 0) {
        bottom.set(key, ci - 1);
        break;
      }
      const opener = tokens[oi] as DelimToken;
      const use = closer.char === '~' || closer.char === '|' ? 2 : opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      const style = STYLE[closer.char](use);
      opener.count -= use;
      closer.count -= use;
      opener.opens.unshift(style);
      closer.closes.push(style);
      for (let k = oi + 1; k < ci; k++) {
        const t = tokens[k];
        if (t?.kind === 'delim') t.active = false;
      }
    }
  }
}

function flatten(tokens: readonly Token[]): RenderedText {
  const b = new TextBuilder();
  const open: { style: BodyRangeStyle; start: number }[] = [];
  for (const t of tokens) {
    if (t.kind === 'text') b.append(t.text);
    else if (t.kind === 'rendered') b.appendRendered(t.rendered);
    else {
      for (const style of t.closes) {
        const idx = findLastIndex(open, (o) => o.style === style);
        if (idx < 0) continue;
        const [o] = open.splice(idx, 1);
        if (o) b.addRange(o.start, b.length - o.start, style);
      }
      b.append(t.char.repeat(t.count));
      for (const style of t.opens) open.push({ style, start: b.length });
    }
  }
  return b.build();
}

function findLastIndex<T>(items: readonly T[], pred: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && pred(item)) return i;
  }
  return -1;
}
