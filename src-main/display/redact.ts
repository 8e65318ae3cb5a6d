// The redact step before anything leaves the computer. The patterns live in shared/secrets.ts
// (the logger uses the same list); here they are applied to rendered text without knocking
// style ranges or attachment anchors out of place, and to patches without changing line counts.
import { applySecretMatches, findSecrets, type SecretMatch } from '../shared/secrets.js';
import type { BodyRange, RenderedDoc, RenderedText } from './types.js';

export interface Redacted<T> {
  readonly value: T;
  /** How many secrets were replaced. */
  readonly count: number;
}

/** Redacts plain text. */
export function redactText(text: string): Redacted<string> {
  const matches = findSecrets(text);
  return { value: applySecretMatches(text, matches), count: matches.length };
}

/** Redacts rendered text, moving every range and anchor to where its text went. */
export function redactRendered<T extends RenderedText>(rendered: T & { readonly attachments?: RenderedDoc['attachments'] }): Redacted<T> {
  const matches = findSecrets(rendered.text);
  if (matches.length === 0) return { value: rendered, count: 0 };
  const mapStart = (p: number): number => mapOffset(matches, p, 'start');
  const mapEnd = (p: number): number => mapOffset(matches, p, 'end');
  const ranges: BodyRange[] = [];
  for (const r of rendered.ranges) {
    const start = mapStart(r.start);
    const end = mapEnd(r.start + r.length);
    if (end > start) ranges.push({ start, length: end - start, style: r.style });
  }
  const value = { ...rendered, text: applySecretMatches(rendered.text, matches), ranges };
  if (rendered.attachments) {
    (value as { attachments?: RenderedDoc['attachments'] }).attachments = rendered.attachments.map((a) => ({
      attachment: a.attachment,
      anchor: mapStart(a.anchor),
    }));
  }
  return { value, count: matches.length };
}

/**
 * Where offset `p` of the original text lands after the replacements. A range starting inside
 * a secret starts at its replacement; one ending inside it ends after the replacement.
 */
function mapOffset(matches: readonly SecretMatch[], p: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const m of matches) {
    if (m.end <= p) {
      delta += m.replacement.length - (m.end - m.start);
      continue;
    }
    if (m.start < p) return m.start + delta + (side === 'end' ? m.replacement.length : 0);
    break;
  }
  return p + delta;
}

/**
 * Redacts a unified diff line by line: a secret spanning lines (a private key) becomes one
 * marker on each of its lines, keeping each line's `+`/`-`/` ` prefix, so hunk counts still
 * add up and `git apply` can still read the patch.
 */
export function redactPatch(patch: string): Redacted<string> {
  const matches = findSecrets(patch);
  if (matches.length === 0) return { value: patch, count: 0 };
  let out = '';
  let pos = 0;
  for (const m of matches) {
    out += patch.slice(pos, m.start);
    const lines = patch.slice(m.start, m.end).split('\n');
    out += m.replacement;
    for (const line of lines.slice(1)) {
      const marker = /^[+\- ]/.test(line) ? line.charAt(0) : '';
      out += `\n${marker}[redacted]`;
    }
    pos = m.end;
  }
  return { value: out + patch.slice(pos), count: matches.length };
}
