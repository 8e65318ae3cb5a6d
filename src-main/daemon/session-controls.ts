// The UI's view of sessions, approvals and projects (SessionsControl, ApprovalsControl,
// ProjectsControl) over the session supervisor and the project registry: the same actions and
// facts the owner has from the phone.
import type { ApprovalDecision, ProjectView, SessionSummary, TranscriptEntry } from '../shared/api.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Store } from '../store/database.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import { answerApproval, findPending } from '../chat/approval-answers.js';
import type { ProjectRegistry } from '../sessions/projects.js';
import type { ApprovalsControl, ProjectsControl, SessionsControl } from './controls.js';

export function sessionsControl(supervisor: SessionSupervisor, store: Store, clock: Clock): SessionsControl {
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
      store.transaction(() => supervisor.turns.cancelQueued(r.id, clock.now()));
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

const DECISIONS: Readonly<Record<ApprovalDecision, 'once' | 'always' | 'deny'>> = { once: 'once', always: 'always', deny: 'deny' };

export function approvalsControl(supervisor: SessionSupervisor, store: Store, clock: Clock): ApprovalsControl {
  return {
    answer: async (id, decision) => {
      const found = findPending(supervisor, id);
      const approval = found.approval;
      if (!approval) throw new AppError('API_NOT_FOUND', found.problem ?? `No approval ${id} is waiting for an answer.`);
      const result = store.transaction(() => answerApproval(supervisor, approval, DECISIONS[decision], undefined, 'app', clock.now()));
      if (!result.after) throw new AppError('SESSION_STATE', result.reply ?? 'That approval can no longer be answered.');
      result.after();
    },
  };
}

export function projectsControl(registry: ProjectRegistry): ProjectsControl {
  return {
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
