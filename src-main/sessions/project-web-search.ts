// Whether Claude may search the web in a project with Anthropic's web search (/websearch on|off
// from the phone). Off unless the owner turned it on: it runs on Anthropic's side, without an
// approval per search, and costs USD 10 per 1,000 searches. Kept in the app state; a worker reads
// it when it starts.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const key = (projectId: string): string => `project.websearch.${projectId}`;

export function projectWebSearch(state: AppStateRepo, projectId: string): boolean {
  return state.get(key(projectId), z.boolean()) ?? false;
}

export function setProjectWebSearch(state: AppStateRepo, projectId: string, on: boolean): void {
  if (on) state.set(key(projectId), true);
  else state.delete(key(projectId));
}
