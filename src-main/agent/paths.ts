// Confinement of every file tool to the project folder. A path is accepted only if the place it
// really leads to (after resolving symlinks of every existing component) is the project root
// or inside it: `../` escapes, absolute paths elsewhere and symlinks pointing out are refused.
// Tools then operate on the resolved real path, the one that was checked.
import { readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError, systemErrorCode } from '../shared/errors.js';

export class ConfinementError extends AppError {
  constructor(message: string) {
    super('AGENT_CONFINEMENT', message, { hint: 'Tools may only touch files inside the project folder.' });
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  // '' is the root itself, however it is written ('/p/app/' too).
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
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

/**
 * Resolves `input` (absolute, or relative to the project root) to a real path inside the
 * project, or throws ConfinementError. The file need not exist (Write creates files).
 */
export async function resolveInProject(projectRoot: string, input: string): Promise<string> {
  if (input.length === 0) throw new ConfinementError('An empty path was given.');
  if (input.includes('\0')) throw new ConfinementError('The path contains a NUL character.');
  const realRoot = await realpath(projectRoot);
  const candidate = isAbsolute(input) ? resolve(input) : resolve(realRoot, input);
  const real = await realpathDeep(candidate);
  if (isInside(realRoot, real)) return real;
  const lexicallyInside = isInside(realRoot, candidate) || isInside(resolve(projectRoot), candidate);
  throw new ConfinementError(
    lexicallyInside
      ? `${input} leads outside the project folder through a symbolic link.`
      : `${input} is outside the project folder.`,
  );
}

/** A path for messages to the model and the owner: relative to the root when inside it. */
export function displayPath(realRoot: string, absPath: string): string {
  const rel = relative(realRoot, absPath);
  return rel === '' ? '.' : rel;
}
