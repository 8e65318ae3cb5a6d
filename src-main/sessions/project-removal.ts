// Removing a project (/forget <project> on the phone, "Remove project…" in the app): it leaves
// the registry, its sessions end (workers stopped, queued turns dropped, waiting approvals
// cancelled), and its history is kept or deleted as the owner chose. Kept history stays on disk
// and comes back if the folder is added again. The folder itself is never touched.
import type { Store } from '../store/database.js';
import { deleteProjectHistory } from '../store/project-history-repo.js';
import type { Project } from '../store/projects-repo.js';
import type { ApprovalRecord } from './approvals/index.js';
import { forgotten } from '../display/wording/forget-replies.js';
import { renderMarkdown } from '../display/markdown.js';
import type { ProjectRegistry } from './projects.js';
import type { ReplySink } from './reply-sink.js';
import type { SessionSupervisor } from './supervisor.js';

export const HISTORY_CHOICES = ['keep', 'delete'] as const;
export type HistoryChoice = (typeof HISTORY_CHOICES)[number];

export interface RemovedProject {
  readonly name: string;
  readonly path: string;
  readonly history: HistoryChoice;
  /** A turn was running or waiting for an approval, and was stopped. */
  readonly stoppedTurn: boolean;
  /** Instructions that were waiting behind it, dropped. */
  readonly droppedTurns: number;
  /** Approvals that were waiting for the owner, cancelled. */
  readonly cancelledApprovals: readonly Pick<ApprovalRecord, 'id' | 'tool' | 'summary'>[];
}

export interface ProjectRemovalOptions {
  readonly store: Store;
  readonly projects: ProjectRegistry;
  readonly supervisor: SessionSupervisor;
  /** Called with the removed project's id (the chat layer lets go of it as the current project). */
  readonly removed?: (projectId: string) => void;
  /** Where a removal from the app is reported, so the phone's conversation says it too. */
  readonly replies?: ReplySink;
}

export class ProjectRemoval {
  constructor(private readonly options: ProjectRemovalOptions) {}

  /** Sync: call inside a transaction, so the removal and the reply that reports it commit together. */
  remove(project: Project, history: HistoryChoice): RemovedProject {
    const { projects, supervisor, store } = this.options;
    const ended = supervisor.endProject(project.id);
    projects.remove(project.id);
    if (history === 'delete') deleteProjectHistory(store, project.id);
    this.options.removed?.(project.id);
    return {
      name: project.name,
      path: project.path,
      history,
      stoppedTurn: ended.running,
      droppedTurns: ended.dropped,
      cancelledApprovals: ended.cancelled.map(({ id, tool, summary }) => ({ id, tool, summary })),
    };
  }

  /**
   * For the app, which has no surrounding transaction: the phone hears of it too (silently), so
   * an approval request it still shows is known to be cancelled.
   */
  removeNow(project: Project, history: HistoryChoice): RemovedProject {
    return this.options.store.transaction(() => {
      const removed = this.remove(project, history);
      this.options.replies?.notice(undefined, renderMarkdown(forgotten(removed)), { notify: false });
      return removed;
    });
  }
}
