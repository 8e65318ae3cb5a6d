// The permission-rule target of a file tool: the project-relative path the call would touch,
// after confinement (so a rule like `Edit(src/**)` can never be satisfied by `../src/x`).
import { displayPath, resolveInProject } from '../../paths.js';

export async function projectRelative(root: string, path: string | undefined): Promise<string> {
  if (path === undefined) return '.';
  return displayPath(root, await resolveInProject(root, path));
}
