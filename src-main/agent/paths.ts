// Confinement of every file tool to the project folder. A path is accepted only if the place it
// really leads to (after resolving symlinks of every existing component) is the project root
// or inside it, or inside a folder the owner added (additionalDirectories, confirmed: see
// worker/added-folders.ts): `../` escapes, absolute paths elsewhere and symlinks pointing out
// are refused. Tools then operate on the resolved real path, the one that was checked.
import { readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError, systemErrorCode } from '../shared/errors.js';

export class ConfinementError extends AppError {
  constructor(message: string, addedFolders = false) {
    super('AGENT_CONFINEMENT', message, { hint: `Tools may only touch files inside the project folder${addedFolders ? ' and the added folders the owner confirmed' : ''}.` });
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target); // '' for the root itself, however it is written ('/p/app/' too)
  return !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/**
 * realpath of the deepest existing ancestor, with the missing tail appended. A dangling symbolic
 * link on the way is followed to where it points: writing through it would create its target.
 * Each call follows one link the failed realpath already went through, and the kernel refuses a
 * chain longer than its own limit (ELOOP; 40 on Linux, 32 on macOS), so the recursion ends.
 */
async function realpathDeep(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length ? join(real, ...missing.reverse()) : real;
    } catch (error) {
      const code = systemErrorCode(error);
      if (code === 'ELOOP') throw new ConfinementError(`${path} goes through too many symbolic links.`);
      // Missing, or a file where a folder was expected ('a.ts/x'): the tool says which.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const target = await readlink(current).catch(() => undefined);
      if (target !== undefined) {
        const followed = resolve(dirname(current), target);
        return realpathDeep(missing.length ? join(followed, ...missing.reverse()) : followed);
      }
      const parent = dirname(current);
      if (parent === current) throw error; // the file system's root always resolves
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** The folders besides the project root that the file tools may use, for one call. */
export interface Reach {
  /** Real paths of the added folders the owner confirmed. */
  readonly added: readonly string[];
  /**
   * Why a real path outside every usable folder may not be used, when the session knows more
   * than "outside" (it lies in an added folder the owner has not confirmed or refused).
   */
  readonly whyNot?: ((realPath: string) => string | undefined) | undefined;
}

export const PROJECT_ONLY: Reach = { added: [] };

/** The usable folder (the root or an added one) that holds `realPath`, if any. */
export function placeOf(realRoot: string, reach: Reach, realPath: string): string | undefined {
  if (isInside(realRoot, realPath)) return realRoot;
  return reach.added.find((folder) => isInside(folder, realPath));
}

/**
 * Resolves `input` (absolute, or relative to the project root) to a real path inside the
 * project or a usable added folder, or throws ConfinementError. The file need not exist (Write
 * creates files).
 */
export async function resolveInProject(projectRoot: string, input: string, reach: Reach = PROJECT_ONLY): Promise<string> {
  if (input.length === 0) throw new ConfinementError('An empty path was given.');
  if (input.includes('\0')) throw new ConfinementError('The path contains a NUL character.');
  const realRoot = await realpath(projectRoot);
  const candidate = isAbsolute(input) ? resolve(input) : resolve(realRoot, input);
  const real = await realpathDeep(candidate);
  if (placeOf(realRoot, reach, real) !== undefined) return real;
  const why = reach.whyNot?.(real);
  if (why) throw new ConfinementError(`${input} ${why}`, true);
  const lexicallyInside = isInside(realRoot, candidate) || isInside(resolve(projectRoot), candidate) || reach.added.some((folder) => isInside(folder, candidate));
  const places = reach.added.length > 0 ? 'the project folder and its added folders' : 'the project folder';
  throw new ConfinementError(lexicallyInside ? `${input} leads outside ${places} through a symbolic link.` : `${input} is outside ${places}.`, reach.added.length > 0);
}

/** A path for messages to the model and the owner: relative to the root when inside it. */
export function displayPath(realRoot: string, absPath: string): string {
  const rel = relative(realRoot, absPath);
  return rel === '' ? '.' : rel;
}
