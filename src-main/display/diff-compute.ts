// Diffs for projects without git: a unified, git-style patch from before/after file images
// (Myers' O(ND) algorithm over lines), which `git apply` accepts.

export interface FileImage {
  /** Path relative to the project root, with forward slashes. */
  readonly path: string;
  /** Content before the change; null when the file did not exist. */
  readonly before: string | Uint8Array | null;
  /** Content after the change; null when the file was deleted. */
  readonly after: string | Uint8Array | null;
}

export type EditOp = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Beyond this many differences the middle is treated as replaced wholesale (keeps memory small). */
const MAX_EDIT_DISTANCE = 2000;

/** Line-level edit script from `a` to `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): EditOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let post = 0;
  while (post < a.length - pre && post < b.length - pre && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  const ops: EditOp[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i] ?? '' });
  ops.push(...myers(a.slice(pre, a.length - post), b.slice(pre, b.length - post)));
  for (let i = a.length - post; i < a.length; i++) ops.push({ kind: ' ', line: a[i] ?? '' });
  return ops;
}

function myers(a: readonly string[], b: readonly string[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: '+', line }));
  if (m === 0) return a.map((line) => ({ kind: '-', line }));
  // Compare integers, not strings.
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  };
  const A = Int32Array.from(a, id);
  const B = Int32Array.from(b, id);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before round d: enough to walk back, O(D²) memory.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    // Too different to be worth aligning: everything old out, everything new in.
    return [...a.map((line): EditOp => ({ kind: '-', line })), ...b.map((line): EditOp => ({ kind: '+', line }))];
  }
  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] ?? new Int32Array(0);
    const at = (k: number): number => vd[k + d] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1] ?? '' });
      x--;
      y--;
    }
    if (x === prevX) ops.push({ kind: '+', line: b[--y] ?? '' });
    else ops.push({ kind: '-', line: a[--x] ?? '' });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[x - 1] ?? '' });
    x--;
    y--;
  }
  return ops.reverse();
}

// Marks a last line that has no newline, so it never matches the same text with one: git
// shows such a line as changed, followed by "\ No newline at end of file". Text with NUL bytes
// is treated as binary, so the marker cannot clash with content.
const NO_NEWLINE = '\u0000';

function splitText(content: string): string[] {
  if (content === '') return [];
  if (content.endsWith('\n')) return content.slice(0, -1).split('\n');
  const lines = content.split('\n');
  lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text of a file image, or undefined when it is binary (NUL bytes or not UTF-8). */
export function imageText(content: string | Uint8Array | null): string | undefined {
  if (content === null) return '';
  if (typeof content === 'string') return content.includes('\0') ? undefined : content;
  if (content.includes(0)) return undefined;
  try {
    return decoder.decode(content);
  } catch {
    return undefined;
  }
}

/** Quotes a path the way git does when it holds characters a header cannot show plainly. */
export function quotePath(path: string): string {
  if (!/["\\\x00-\x1f\x7f]/.test(path)) return path;
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return `"${path.replace(/["\\\x00-\x1f\x7f]/g, (c) => esc[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;
}

/**
 * A git-style unified diff of one file image with `context` lines around changes; '' when the
 * images are equal.
 */
export function diffFileImage(image: FileImage, context = 3): string {
  const { path } = image;
  if (image.before === null && image.after === null) return '';
  const beforeText = imageText(image.before);
  const afterText = imageText(image.after);
  const a = quotePath(`a/${path}`);
  const b = quotePath(`b/${path}`);
  // git adds a tab after names with spaces on ---/+++ lines so the name's end is unambiguous.
  const tab = path.includes(' ') ? '\t' : '';
  const head = [`diff --git ${a} ${b}`];
  if (image.before === null) head.push('new file mode 100644');
  if (image.after === null) head.push('deleted file mode 100644');
  if (beforeText === undefined || afterText === undefined) {
    if (sameBytes(image.before, image.after)) return '';
    return `${head.join('\n')}\nBinary files ${image.before === null ? '/dev/null' : a} and ${image.after === null ? '/dev/null' : b} differ\n`;
  }
  if (image.before !== null && image.after !== null && beforeText === afterText) return '';
  const ops = diffLines(splitText(beforeText), splitText(afterText));
  const hunks = buildHunks(ops, context);
  if (hunks === '') return image.before === null || image.after === null ? `${head.join('\n')}\n` : '';
  head.push(`--- ${image.before === null ? '/dev/null' : a}${image.before === null ? '' : tab}`);
  head.push(`+++ ${image.after === null ? '/dev/null' : b}${image.after === null ? '' : tab}`);
  return `${head.join('\n')}\n${hunks}`;
}

function sameBytes(x: string | Uint8Array | null, y: string | Uint8Array | null): boolean {
  if (x === null || y === null) return x === y;
  const bx = typeof x === 'string' ? new TextEncoder().encode(x) : x;
  const by = typeof y === 'string' ? new TextEncoder().encode(y) : y;
  return bx.length === by.length && bx.every((v, i) => v === by[i]);
}

function buildHunks(ops: readonly EditOp[], context: number): string {
  const isChange = ops.map((o) => o.kind !== ' ');
  // Position of each op on the old and the new side (0-based line numbers).
  const oldIdx: number[] = [];
  const newIdx: number[] = [];
  let oi = 0;
  let ni = 0;
  for (const o of ops) {
    oldIdx.push(oi);
    newIdx.push(ni);
    if (o.kind !== '+') oi++;
    if (o.kind !== '-') ni++;
  }
  const out: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (!isChange[i]) {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    // Extend while the next change is within 2×context lines.
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (isChange[j]) end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const slice = ops.slice(start, stop);
    const oldCount = slice.filter((e) => e.kind !== '+').length;
    const newCount = slice.filter((e) => e.kind !== '-').length;
    // An empty side is numbered by the line before it (git's "-5,0").
    const oldStart = (oldIdx[start] ?? 0) + (oldCount === 0 ? 0 : 1);
    const newStart = (newIdx[start] ?? 0) + (newCount === 0 ? 0 : 1);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const e of slice) {
      if (e.line.endsWith(NO_NEWLINE)) out.push(`${e.kind}${e.line.slice(0, -1)}`, '\\ No newline at end of file');
      else out.push(`${e.kind}${e.line}`);
    }
    i = stop;
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** A patch covering several file images (unchanged ones are left out). */
export function diffFileImages(images: readonly FileImage[], context = 3): string {
  return images.map((img) => diffFileImage(img, context)).join('');
}
