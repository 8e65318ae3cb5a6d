// Walks a folder for Glob and Grep without leaving the project: symlinked folders are not
// entered, symlinked files are followed only when they resolve inside the root. `.git` and
// `node_modules` are skipped when walking from above them (naming them as the start folder
// still searches them), and the walk stops after a bounded number of entries.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../../paths.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface WalkedFile {
  readonly abs: string;
  /** Where it really is (a symbolic link's target; otherwise the same as abs). */
  readonly real: string;
  /** Relative to the walk's start folder, '/'-separated. */
  readonly rel: string;
  readonly mtimeMs: number;
  readonly size: number;
}

export interface WalkOptions {
  readonly root: string;
  readonly start: string;
  readonly signal: AbortSignal;
  readonly maxEntries?: number;
}

export interface WalkSummary {
  /** True when the entry limit stopped the walk early. */
  truncated: boolean;
}

export async function* walkFiles(options: WalkOptions, summary: WalkSummary = { truncated: false }): AsyncGenerator<WalkedFile> {
  const maxEntries = options.maxEntries ?? 100_000;
  let seen = 0;
  const queue: string[] = [options.start];
  while (queue.length > 0) {
    if (options.signal.aborted) return;
    const dir = queue.shift() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are skipped, as ripgrep does
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++seen > maxEntries) {
        summary.truncated = true;
        return;
      }
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) queue.push(abs);
        continue;
      }
      let target = abs;
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(abs);
        } catch {
          continue;
        }
        if (!isInside(options.root, target)) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      let info;
      try {
        info = await stat(target);
      } catch {
        continue;
      }
      if (!info.isFile()) continue;
      yield { abs, real: target, rel: relative(options.start, abs).split(sep).join('/'), mtimeMs: info.mtimeMs, size: info.size };
    }
  }
}
