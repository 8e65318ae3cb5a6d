// The folders the owner added to a project from the phone with /add-dir (Claude Code's /add-dir):
// real paths, usable by the file tools and sandboxed commands like the project folder, without a
// question (the owner's own word). Kept in the app state, so they hold for every later session
// and are removed with the project; a worker reads them when it starts.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const key = (projectId: string): string => `project.dirs.${projectId}`;

export function projectDirs(state: AppStateRepo, projectId: string): string[] {
  return state.get(key(projectId), z.array(z.string())) ?? [];
}

export function setProjectDirs(state: AppStateRepo, projectId: string, dirs: readonly string[]): void {
  if (dirs.length > 0) state.set(key(projectId), [...dirs]);
  else state.delete(key(projectId));
}
