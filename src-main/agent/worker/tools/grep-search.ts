// What Grep finds in one file and how it prints it, the way rg does: matching lines (or, in
// multiline mode, every line a match spans), context lines before and after, `--` between
// groups that are not adjacent, `path:line:text` for matches and `path-line-text` for context.

const MAX_LINE_CHARS = 500;

export interface FileHits {
  /** The file's lines, without line breaks. */
  readonly lines: readonly string[];
  /** 0-based indexes of the lines that match, ascending. */
  readonly matched: readonly number[];
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The index of the line holding character `at`, given each line's start offset. */
function lineAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Lines of `text` that `regex` matches. Line by line by default; with `multiline` the regex
 * runs over the whole text (it must carry the g flag) and every line a match covers counts.
 */
export function findHits(text: string, regex: RegExp, multiline: boolean): FileHits {
  const lines = splitLines(text);
  if (!multiline) {
    const matched: number[] = [];
    lines.forEach((line, i) => {
      if (regex.test(line)) matched.push(i);
    });
    return { lines, matched };
  }
  const starts: number[] = [];
  const breaks = /\r?\n/g;
  starts.push(0);
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  const hit = new Set<number>();
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const first = lineAt(starts, m.index);
    const last = lineAt(starts, Math.max(m.index, m.index + m[0].length - 1));
    for (let i = first; i <= last && i < lines.length; i++) hit.add(i);
    if (m[0].length === 0) regex.lastIndex += 1;
  }
  return { lines, matched: [...hit].sort((a, b) => a - b) };
}

export interface ContentOptions {
  readonly before: number;
  readonly after: number;
  readonly lineNumbers: boolean;
}

function cut(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut]` : line;
}

/**
 * Output lines for one file in content mode. Groups of lines are separated by `--` when context
 * is asked for; `separated` says whether the first group needs one too (an earlier file printed).
 */
export function contentLines(path: string, hits: FileHits, options: ContentOptions, separated: boolean): string[] {
  const out: string[] = [];
  const isMatch = new Set(hits.matched);
  const context = options.before > 0 || options.after > 0;
  let printedTo = -1;
  for (const m of hits.matched) {
    const from = Math.max(0, m - options.before, printedTo + 1);
    const to = Math.min(hits.lines.length - 1, m + options.after);
    if (from > to) continue;
    if (context && (printedTo >= 0 ? from > printedTo + 1 : separated)) out.push('--');
    for (let i = from; i <= to; i++) {
      const mark = isMatch.has(i) ? ':' : '-';
      const number = options.lineNumbers ? `${i + 1}${mark}` : '';
      out.push(`${path}${mark}${number}${cut(hits.lines[i] as string)}`);
    }
    printedTo = to;
  }
  return out;
}
