// Test helper: what each style range covers, so a test reads "bold covers 'Title'".
import type { BodyRange, RenderedText } from '../../src-main/display/types.js';

export function covered(r: { readonly text?: string; readonly body?: string; readonly ranges?: readonly BodyRange[]; readonly bodyRanges?: readonly BodyRange[] }): string[] {
  const text = r.text ?? r.body ?? '';
  const ranges = r.ranges ?? r.bodyRanges ?? [];
  return ranges.map((x) => `${x.style}:${text.slice(x.start, x.start + x.length)}`);
}

/** Every range lies inside the text. */
export function rangesInBounds(r: RenderedText): boolean {
  return r.ranges.every((x) => x.start >= 0 && x.length > 0 && x.start + x.length <= r.text.length);
}

export const decode = (data: Uint8Array): string => new TextDecoder().decode(data);
