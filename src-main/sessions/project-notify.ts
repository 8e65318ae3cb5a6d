// How much of a project's work reaches the phone (/notify all|done|needs-me|off). "all" unless
// the owner chose otherwise; kept in the app state so it survives restarts.
import { z } from 'zod';
import { NOTIFY_LEVELS, type NotifyLevel } from '../shared/config.js';
import type { AppStateRepo } from '../store/app-state-repo.js';

const key = (projectId: string): string => `project.notify.${projectId}`;

export function projectNotify(state: AppStateRepo, projectId: string): NotifyLevel {
  return state.get(key(projectId), z.enum(NOTIFY_LEVELS)) ?? 'all';
}

export function setProjectNotify(state: AppStateRepo, projectId: string, level: NotifyLevel): void {
  state.set(key(projectId), level);
}

/** What a level lets through: progress messages, and which messages make the phone ring. */
export function notifyPolicy(level: NotifyLevel): { readonly progress: boolean; readonly ringAnswers: boolean; readonly ringApprovals: boolean; readonly ringNotices: boolean } {
  return {
    progress: level === 'all',
    ringAnswers: level === 'all' || level === 'done',
    ringApprovals: level !== 'off',
    ringNotices: level !== 'off',
  };
}
