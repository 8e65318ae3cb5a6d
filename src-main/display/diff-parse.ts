// Reads a unified diff (git's extended format or plain `diff -u`) into files and hunks, keeping
// each file's exact text so a `.patch` can be rebuilt from any subset of files.

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface DiffLine {
  /** ' ' context, '+' added, '-' removed, '\\' "No newline at end of file". */
  readonly kind: ' ' | '+' | '-' | '\\';
  readonly text: string;
}

export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Text after the second `@@` (often the enclosing function). */
  readonly section: string;
  readonly lines: readonly DiffLine[];
}

export interface FileDiff {
  /** Path before the change (undefined for a new file). */
  readonly oldPath: string | undefined;
  /** Path after the change (undefined for a deleted file). */
  readonly newPath: string | undefined;
  readonly status: FileStatus;
  readonly binary: boolean;
  readonly added: number;
  readonly removed: number;
  readonly oldMode?: string;
  readonly newMode?: string;
  readonly similarity?: number;
  readonly hunks: readonly Hunk[];
  /** This file's part of the diff, exactly as given (ends with a newline). */
  readonly patch: string;
}

/** The path to show for a file: the new one, or the old one when deleted. */
export function displayPath(f: FileDiff): string {
  return f.newPath ?? f.oldPath ?? '?';
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** Undoes git's C-style quoting of unusual paths ("a/na\303\257ve.txt"). */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const bytes: number[] = [];
  const s = raw.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '\\') {
      const next = s.charAt(i + 1);
      if (/[0-7]/.test(next)) {
        bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
        i += 3;
      } else {
        bytes.push(simple[next] ?? next.charCodeAt(0));
        i++;
      }
    } else bytes.push(...new TextEncoder().encode(c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function stripPrefix(path: string): string | undefined {
  const p = unquotePath(path.replace(/\t.*$/, '').trimEnd());
  if (p === '/dev/null') return undefined;
  return p.replace(/^[abciwo]\//, '');
}

/** Splits `diff --git a/x b/y` into its two paths (git quotes paths with unusual characters). */
function gitHeaderPaths(rest: string): [string, string] | undefined {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted?.[1] !== undefined && quoted[2] !== undefined && !rest.includes(' b/', 3)) return [quoted[1], quoted[2]];
  // Unquoted paths may hold spaces: "a/my file b/my file" — split where both halves match.
  for (let i = rest.indexOf(' b/'); i >= 0; i = rest.indexOf(' b/', i + 1)) {
    const a = rest.slice(0, i);
    const b = rest.slice(i + 1);
    if (a.slice(2) === b.slice(2)) return [a, b];
  }
  const i = rest.indexOf(' b/');
  return i < 0 ? undefined : [rest.slice(0, i), rest.slice(i + 1)];
}

interface Draft {
  oldPath: string | undefined;
  newPath: string | undefined;
  status: FileStatus;
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  similarity?: number;
  hunks: { header: RegExpExecArray; lines: DiffLine[] }[];
  start: number;
}

export function parseUnifiedDiff(diff: string): FileDiff[] {
  const text = diff.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const files: FileDiff[] = [];
  let draft: Draft | undefined;
  let offsets = 0;
  const lineStarts: number[] = [];
  for (const l of lines) {
    lineStarts.push(offsets);
    offsets += l.length + 1;
  }
  const finish = (endLine: number): void => {
    if (!draft) return;
    const start = lineStarts[draft.start] ?? 0;
    const end = lineStarts[endLine] ?? text.length;
    let patch = text.slice(start, end);
    if (!patch.endsWith('\n')) patch += '\n';
    let added = 0;
    let removed = 0;
    const hunks: Hunk[] = draft.hunks.map(({ header, lines: hl }) => {
      for (const l of hl) {
        if (l.kind === '+') added++;
        else if (l.kind === '-') removed++;
      }
      return {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        section: header[5] ?? '',
        lines: hl,
      };
    });
    const { start: _start, hunks: _hunks, ...header } = draft;
    files.push({ ...header, added, removed, hunks, patch });
    draft = undefined;
  };
  const begin = (i: number, oldPath: string | undefined, newPath: string | undefined): Draft => ({
    oldPath,
    newPath,
    status: 'modified',
    binary: false,
    hunks: [],
    start: i,
  });
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ')) {
      finish(i);
      const paths = gitHeaderPaths(line.slice('diff --git '.length));
      draft = begin(i, paths ? stripPrefix(paths[0]) : undefined, paths ? stripPrefix(paths[1]) : undefined);
      i++;
      // Extended header lines up to the first hunk.
      while (i < lines.length && !(lines[i] ?? '').startsWith('@@') && !(lines[i] ?? '').startsWith('diff --git ')) {
        const h = lines[i] ?? '';
        let m: RegExpExecArray | null;
        if ((m = /^new file mode (\d+)/.exec(h))) {
          draft.status = 'added';
          draft.newMode = m[1];
          draft.oldPath = undefined;
        } else if ((m = /^deleted file mode (\d+)/.exec(h))) {
          draft.status = 'deleted';
          draft.oldMode = m[1];
          draft.newPath = undefined;
        } else if ((m = /^old mode (\d+)/.exec(h))) draft.oldMode = m[1];
        else if ((m = /^new mode (\d+)/.exec(h))) draft.newMode = m[1];
        else if ((m = /^rename from (.*)$/.exec(h))) {
          draft.status = 'renamed';
          draft.oldPath = unquotePath(m[1] ?? '');
        } else if ((m = /^rename to (.*)$/.exec(h))) draft.newPath = unquotePath(m[1] ?? '');
        else if ((m = /^copy from (.*)$/.exec(h))) {
          draft.status = 'copied';
          draft.oldPath = unquotePath(m[1] ?? '');
        } else if ((m = /^copy to (.*)$/.exec(h))) draft.newPath = unquotePath(m[1] ?? '');
        else if ((m = /^similarity index (\d+)%/.exec(h))) draft.similarity = Number(m[1]);
        else if (h.startsWith('Binary files ') || h === 'GIT binary patch') draft.binary = true;
        else if (h.startsWith('--- ')) {
          if (draft.status !== 'added') draft.oldPath = stripPrefix(h.slice(4)) ?? draft.oldPath;
        } else if (h.startsWith('+++ ')) {
          if (draft.status !== 'deleted') draft.newPath = stripPrefix(h.slice(4)) ?? draft.newPath;
        }
        i++;
      }
      continue;
    }
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ') && (!draft || draft.hunks.length > 0 || (lines[i - 1] ?? '').startsWith('diff '))) {
      // A plain `diff -u` file header (no `diff --git` line).
      if (!draft || draft.hunks.length > 0) {
        finish(i);
        draft = begin(i, undefined, undefined);
      }
      const oldPath = stripPrefix(line.slice(4));
      const newPath = stripPrefix((lines[i + 1] ?? '').slice(4));
      draft.oldPath = oldPath;
      draft.newPath = newPath;
      draft.status = oldPath === undefined ? 'added' : newPath === undefined ? 'deleted' : 'modified';
      i += 2;
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk && draft) {
      const hl: DiffLine[] = [];
      let oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      let newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      i++;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0 || (lines[i] ?? '').startsWith('\\'))) {
        const l = lines[i] ?? '';
        const kind = l.charAt(0);
        if (kind === '+') newLeft--;
        else if (kind === '-') oldLeft--;
        else if (kind === ' ' || l === '') {
          oldLeft--;
          newLeft--;
        } else if (kind !== '\\') break;
        hl.push({ kind: (l === '' ? ' ' : kind) as DiffLine['kind'], text: l.slice(1) });
        i++;
      }
      draft.hunks.push({ header: hunk, lines: hl });
      continue;
    }
    if (line.startsWith('diff ') && !line.startsWith('diff --git')) {
      finish(i);
      draft = begin(i, undefined, undefined);
    }
    i++;
  }
  finish(lines.length);
  return files;
}

/** All files' patches joined back into one patch text. */
export function joinPatches(files: readonly FileDiff[]): string {
  return files.map((f) => f.patch).join('');
}
