// The permission-rule target of a file tool: the project-relative path the call would touch,
// after confinement (so a rule like `Edit(src/**)` can never be satisfied by `../src/x`), and
// the file's current text for the change an approval request shows.
import { readFile, stat } from 'node:fs/promises';
import { systemErrorCode } from '../../../shared/errors.js';
import { MAX_SUBJECT_FILE_BYTES } from '../../approval-subject.js';
import { displayPath, resolveInProject, type Reach } from '../../paths.js';

export async function projectRelative(root: string, path: string | undefined, reach?: Reach): Promise<string> {
  if (path === undefined) return '.';
  return displayPath(root, await resolveInProject(root, path, reach));
}

/**
 * A file as an approval request shows it: its project-relative path and text (null when it does
 * not exist yet); undefined when it is too large or not text, so the request shows less.
 */
export async function currentText(root: string, path: string, reach?: Reach): Promise<{ rel: string; text: string | null } | undefined> {
  const abs = await resolveInProject(root, path, reach);
  const rel = displayPath(root, abs);
  let data: Buffer;
  try {
    const info = await stat(abs);
    if (info.size > MAX_SUBJECT_FILE_BYTES) return undefined;
    data = await readFile(abs);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return { rel, text: null };
    throw error;
  }
  if (data.includes(0)) return undefined;
  return { rel, text: data.toString('utf8') };
}
