// Before-images of files a tool changed, so a turn can be undone. Each Write/Edit records the
// file as it was (or that it did not exist) before the change; undoing a turn replays its
// records newest-first. Changes made by Bash commands are not tracked (a shell can touch
// anything); the sessions layer says so when it offers /undo.
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { systemErrorCode } from '../shared/errors.js';
import { resolveInProject, type Reach } from './paths.js';

export const FileChangeSchema = z.object({
  /** Path relative to the project root. */
  path: z.string().min(1),
  /** The content before the change; null when the tool created the file. */
  before: z.object({ encoding: z.enum(['utf8', 'base64']), data: z.string() }).nullable(),
});
export type FileChange = z.infer<typeof FileChangeSchema>;

/** Reads the current content of `absPath` as a before-image. */
export async function captureBefore(relPath: string, absPath: string): Promise<FileChange> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return { path: relPath, before: null };
    throw error;
  }
  const text = bytes.toString('utf8');
  // Keep text readable in the database; anything that does not round-trip stays base64.
  if (Buffer.from(text, 'utf8').equals(bytes)) return { path: relPath, before: { encoding: 'utf8', data: text } };
  return { path: relPath, before: { encoding: 'base64', data: bytes.toString('base64') } };
}

/**
 * Restores files to their before-images, newest change first, so several edits of one file in
 * a turn end at the state before the first. Paths are confined to the project root (and the
 * added folders in `reach`) again. Returns the project-relative paths it restored.
 */
export async function revertFileChanges(projectRoot: string, changes: readonly FileChange[], reach?: Reach): Promise<string[]> {
  const restored: string[] = [];
  for (const change of [...changes].reverse()) {
    const abs = await resolveInProject(projectRoot, change.path, reach);
    if (change.before === null) {
      await rm(abs, { force: true });
    } else {
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, Buffer.from(change.before.data, change.before.encoding));
    }
    if (!restored.includes(change.path)) restored.push(change.path);
  }
  return restored;
}
