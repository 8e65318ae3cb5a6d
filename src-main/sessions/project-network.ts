// Whether a project's sandboxed commands may use the network (/net on|off from the phone). Off
// unless the owner turned it on; kept in the app state so it survives restarts.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const key = (projectId: string): string => `project.network.${projectId}`;

export function projectNetwork(state: AppStateRepo, projectId: string): boolean {
  return state.get(key(projectId), z.boolean()) ?? false;
}

export function setProjectNetwork(state: AppStateRepo, projectId: string, network: boolean): void {
  state.set(key(projectId), network);
}
