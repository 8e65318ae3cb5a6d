// The protected paths below the top of a writable folder, for the OS sandbox to keep read-only
// too: a repository nested in the project (`vendor/lib/.git/hooks`), a submodule's git folder
// (`.git/modules/<name>/hooks`, where git keeps it), a sub-package's `.npmrc` or `.vscode/`.
// A hook planted there runs, outside the sandbox, at the owner's next commit in that repository.
// The permission checks already ask for a write to these paths a command names (protectedReason
// matches a protected name at any depth); this stops the writes a program makes on its own.
//
// Found by a walk of the folder at every command, bounded as Claude Code's sandbox bounds its
// own search: three folders deep, never into node_modules (dependencies are not the owner's
// repositories) and at most MAX_FOLDERS folders, so a huge tree cannot make each command slow.
// Submodules' git folders are found wherever they are nested below `.git/modules`.
import { readdirSync, type Dirent } from 'node:fs';
import { canonicalName, PROTECTED_DIRS, PROTECTED_FILES, PROTECTED_NESTED_DIRS } from './protected-paths.js';

/** How many folders below the writable one are looked into (`a/b/c/.git` is found). */
export const NESTED_DEPTH = 3;
/** Folders read at most, per writable folder and command. */
export const MAX_FOLDERS = 2000;
/** Never entered: their contents are not the owner's own code. */
const SKIPPED = new Set(['node_modules']);
/** How deep submodule names (which may hold slashes) and submodules of submodules are followed. */
const MAX_MODULE_DEPTH = 8;
/** `.github/workflows` as its first name and the folder protected inside it. */
const NESTED_PAIRS = PROTECTED_NESTED_DIRS.map((pair) => pair.split('/') as [string, string]);

export type ReadDir = (dir: string) => Dirent[];

const readDir: ReadDir = (dir) => readdirSync(dir, { withFileTypes: true });

/** Within a git folder, what the sandbox keeps read-only (the rest git must write to commit). */
function gitDirPaths(gitDir: string): string[] {
  return [`${gitDir}/hooks`, `${gitDir}/config`];
}

/**
 * Existing protected paths below `folder` (absolute, '/'-separated), not counting the ones at its
 * top, which protectedPathsIn lists whether they exist or not.
 */
export function nestedProtectedPaths(folder: string, readdir: ReadDir = readDir): string[] {
  const found: string[] = [];
  let budget = MAX_FOLDERS;
  const list = (dir: string): Dirent[] => {
    if (budget <= 0) return [];
    budget--;
    try {
      return readdir(dir);
    } catch {
      return []; // unreadable or gone meanwhile: nothing there to protect from inside the sandbox
    }
  };
  // A submodule's git folder holds HEAD; a folder without one is part of a name with a slash.
  // (A folder that is not there reads as empty: nothing to look for first.)
  const modules = (dir: string, depth: number): void => {
    if (depth > MAX_MODULE_DEPTH) return;
    for (const entry of list(dir)) {
      if (!entry.isDirectory()) continue;
      const path = `${dir}/${entry.name}`;
      if (list(path).some((e) => e.name === 'HEAD')) {
        found.push(...gitDirPaths(path));
        modules(`${path}/modules`, depth + 1);
      } else {
        modules(path, depth + 1);
      }
    }
  };
  const gitDir = (path: string, nested: boolean): void => {
    if (nested) found.push(...gitDirPaths(path));
    modules(`${path}/modules`, 1);
  };
  const walk = (dir: string, depth: number): void => {
    for (const entry of list(dir)) {
      const name = canonicalName(entry.name);
      const path = `${dir}/${entry.name}`;
      if (name === '.git') {
        // A `.git` file (a submodule's or a worktree's pointer) names a git folder found elsewhere.
        if (entry.isDirectory()) gitDir(path, depth > 0);
        continue;
      }
      if (depth > 0) {
        // Symbolic links too: a write through one lands where it points, read-only as well.
        if (PROTECTED_DIRS.includes(name) || PROTECTED_FILES.includes(name)) {
          found.push(path);
          continue;
        }
        for (const [first, second] of NESTED_PAIRS) if (name === first && entry.isDirectory()) found.push(`${path}/${second}`);
      } else if (PROTECTED_DIRS.includes(name)) {
        continue; // at the top: listed (and read-only as a whole) already
      }
      if (entry.isDirectory() && depth < NESTED_DEPTH && !SKIPPED.has(name)) walk(path, depth + 1);
    }
  };
  walk(folder, 0);
  return found;
}
