// Saving a phone attachment into the project once the owner said yes: never outside the
// project (also not through a symlinked folder), never over an existing file.
import { mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError, systemErrorCode } from '../shared/errors.js';

/**
 * Writes `data` at `relativePath` under `projectDir` and returns the path actually used
 * (relative, with forward slashes): "name (1).ext" and so on when the name is taken.
 */
export async function saveIntoProject(projectDir: string, relativePath: string, data: Uint8Array): Promise<string> {
  const root = await realpath(projectDir);
  const target = path.resolve(root, relativePath);
  if (!isInside(root, target)) {
    throw new AppError('AGENT_CONFINEMENT', `${relativePath} is outside the project.`, { hint: 'Choose a path inside the project folder.' });
  }
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  if (!isInside(root, await realpath(dir))) {
    throw new AppError('AGENT_CONFINEMENT', `${path.dirname(relativePath)} leads outside the project.`);
  }
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 0; n < 100; n++) {
    const candidate = n === 0 ? target : `${stem} (${n})${ext}`;
    let handle;
    try {
      handle = await open(candidate, 'wx', 0o644);
    } catch (error) {
      if (systemErrorCode(error) === 'EEXIST') continue;
      throw error;
    }
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return path.relative(root, candidate).split(path.sep).join('/');
  }
  throw new AppError('AGENT_TOOL', `Could not find a free name for ${relativePath}.`);
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
