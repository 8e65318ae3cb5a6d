// The UI's view of sessions, approvals and projects (SessionsControl, ApprovalsControl,
// ProjectsControl) over the session supervisor, the approvals module and the project registry:
// the same actions and facts the owner has from the phone.
import type { ProjectView, SessionSummary, TranscriptEntry } from '../shared/api.js';
import { AppError } from '../shared/errors.js';
import type { Store } from '../store/database.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import type { SessionApprovals } from '../sessions/approvals/index.js';
import type { ProjectRegistry } from '../sessions/projects.js';
import type { ProjectRemoval } from '../sessions/project-removal.js';
import type { ApprovalsControl, ProjectsControl, SessionsControl } from './controls.js';

export function sessionsControl(supervisor: SessionSupervisor, store: Store): SessionsControl {
  const runtime = (id: string) => {
    const r = supervisor.get(id);
    if (!r) throw new AppError('SESSION_NOT_FOUND', `There is no session ${id}.`);
    return r;
  };
  return {
    list: (): SessionSummary[] => supervisor.summaries(),
    get: (id) => supervisor.summary(runtime(id)),
    transcript: (id): TranscriptEntry[] => {
      runtime(id);
      return supervisor.transcript(id);
    },
    // Stop from the app means what /stop means on the phone: end the running turn.
    stop: async (id) => {
      const r = runtime(id);
      store.transaction(() => supervisor.cancelQueuedTurns(r.id));
      if (!r.stopTurn()) throw new AppError('SESSION_STATE', 'Nothing is running in this session.');
      return supervisor.summary(r);
    },
    restart: async (id) => {
      const r = runtime(id);
      if (!r.restart()) throw new AppError('SESSION_STATE', `The session is ${r.state}; only a crashed session can be restarted.`);
      return supervisor.summary(r);
    },
  };
}

export function approvalsControl(approvals: SessionApprovals, store: Store): ApprovalsControl {
  return {
    answer: async (id, decision, reason) => {
      const found = approvals.find(id);
      const approval = found.approval;
      if (!approval) throw new AppError('API_NOT_FOUND', found.problem);
      const result = store.transaction(() => approvals.answer(approval, decision, reason || undefined, 'app'));
      if (!result.after) throw new AppError('SESSION_STATE', result.reply ?? 'That approval can no longer be answered.');
      result.after();
    },
  };
}

export function projectsControl(registry: ProjectRegistry, removal: ProjectRemoval): ProjectsControl {
  return {
    remove: (id, history) => {
      const project = registry.get(id);
      if (!project) throw new AppError('API_NOT_FOUND', `There is no project ${id}.`);
      const removed = removal.removeNow(project, history);
      return {
        name: removed.name,
        history: removed.history,
        stoppedTurn: removed.stoppedTurn,
        droppedTurns: removed.droppedTurns,
        cancelledApprovals: removed.cancelledApprovals.length,
      };
    },
    list: (): ProjectView[] =>
      registry.list().map((p) => ({
        id: p.id,
        name: p.name,
        path: p.path,
        model: p.model ?? null,
        permissionMode: p.permissionMode ?? null,
        createdAt: new Date(p.createdAt).toISOString(),
      })),
  };
}
