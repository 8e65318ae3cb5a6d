// What a finished turn changed on disk, for the line that ends its answer ("📝 2 files:
// src/a.ts +12 −3, …"): each file a Write/Edit of the turn touched, its state before the turn's
// first change against the file as it is now. Read synchronously because the answer is built
// inside the transaction that stores the turn's end (a few files, each bounded in size).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Step } from '../agent/index.js';
import { diffLines, imageText } from '../display/diff-compute.js';
import type { ChangedFile } from '../display/wording/session-notices.js';

/** Files larger than this are listed without their line counts. */
const MAX_COUNTED_BYTES = 2 * 1024 * 1024;

function lines(text: string): string[] {
  if (text === '') return [];
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

function current(abs: string): Buffer | null | undefined {
  try {
    if (statSync(abs).size > MAX_COUNTED_BYTES) return undefined;
    return readFileSync(abs);
  } catch {
    return null;
  }
}

/** The files the turn's tools changed, in the order first touched; files back as they were are left out. */
export function turnChangedFiles(turnSteps: readonly Step[], projectRoot: string): ChangedFile[] {
  const before = new Map<string, string | Buffer | null>();
  for (const s of turnSteps) {
    if (s.kind !== 'tool_result') continue;
    for (const c of s.fileChanges) {
      if (before.has(c.path)) continue;
      before.set(c.path, c.before === null ? null : c.before.encoding === 'utf8' ? c.before.data : Buffer.from(c.before.data, 'base64'));
    }
  }
  const files: ChangedFile[] = [];
  for (const [path, was] of before) {
    const now = current(join(projectRoot, path));
    if (now === null && was === null) continue;
    const a = imageText(was === null ? null : typeof was === 'string' ? was : new Uint8Array(was));
    const b = now === undefined ? undefined : imageText(now === null ? null : new Uint8Array(now));
    if (a === undefined || b === undefined) {
      files.push({ path, counts: undefined });
      continue;
    }
    if (a === b && was !== null && now !== null) continue;
    const ops = diffLines(lines(a), lines(b));
    files.push({ path, counts: { added: ops.filter((o) => o.kind === '+').length, removed: ops.filter((o) => o.kind === '-').length } });
  }
  return files;
}
