// Whether Claude thinks before answering in a project (/think from the phone): off unless the
// owner turned it on, "on" (adaptive where the model has it) or a budget in tokens. Kept in the
// app state so it survives restarts; a worker reads it when it starts (agent/worker/thinking.ts).
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';
import { EFFORT_LEVELS, type Effort } from '../agent/index.js';

export type ProjectThinking = 'on' | number;

const key = (projectId: string): string => `project.thinking.${projectId}`;
const ThinkingSchema = z.union([z.literal('on'), z.number().int().min(1024).max(128_000)]);

/** The project's setting; undefined: off. */
export function projectThinking(state: AppStateRepo, projectId: string): ProjectThinking | undefined {
  return state.get(key(projectId), ThinkingSchema) ?? undefined;
}

const effortKey = (projectId: string): string => `project.effort.${projectId}`;
const EffortSchema = z.enum(EFFORT_LEVELS);

/** How hard Claude works at an answer in the project (/effort); undefined: the API's default. */
export function projectEffort(state: AppStateRepo, projectId: string): Effort | undefined {
  return state.get(effortKey(projectId), EffortSchema) ?? undefined;
}

export function setProjectEffort(state: AppStateRepo, projectId: string, effort: Effort | undefined): void {
  if (effort === undefined) state.delete(effortKey(projectId));
  else state.set(effortKey(projectId), effort);
}

export function setProjectThinking(state: AppStateRepo, projectId: string, thinking: ProjectThinking | undefined): void {
  if (thinking === undefined) state.delete(key(projectId));
  else state.set(key(projectId), thinking);
}
