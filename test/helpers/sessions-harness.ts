// The sessions layer on its own: a real store, real agent workers (through the fault-injecting
// entry), the local Anthropic server, a fake clock for the lifecycle and a recording reply sink.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { AgentWorker, RateLimiter, type UserBlock } from '../../src-main/agent/index.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { defaultSettings, type PermissionMode } from '../../src-main/shared/config.js';
import { ProjectsRepo, type Project } from '../../src-main/store/projects-repo.js';
import { ProjectRegistry } from '../../src-main/sessions/projects.js';
import { SessionSupervisor, type SessionRepos } from '../../src-main/sessions/supervisor.js';
import { SessionApprovals } from '../../src-main/sessions/approvals/index.js';
import { SessionsRepo } from '../../src-main/store/sessions-repo.js';
import { StepsRepo } from '../../src-main/store/steps-repo.js';
import { TurnsRepo } from '../../src-main/store/turns-repo.js';
import { buildAgentConfig } from '../../src-main/sessions/agent-config.js';
import type { SessionRuntime } from '../../src-main/sessions/session-runtime.js';
import type { Store } from '../../src-main/store/database.js';
import type { ApiEvent } from '../../src-main/shared/api.js';
import { AnthropicTestServer } from './anthropic-server.js';
import { FakeClock } from './fake-clock.js';
import { RecordingReplies } from './recording-replies.js';
import { openTestStore } from './store.js';
import { tempDir } from './temp.js';
import { defer } from './defer.js';

export const FAULTY_WORKER = new URL('./workers/faulty-worker.ts', import.meta.url);

export interface SessionsHarness {
  readonly store: Store;
  readonly clock: FakeClock;
  readonly claude: AnthropicTestServer;
  readonly replies: RecordingReplies;
  readonly supervisor: SessionSupervisor;
  /** The session tables the supervisor was built with. */
  readonly repos: SessionRepos;
  readonly projects: ProjectRegistry;
  readonly approvals: SessionApprovals;
  /** Every event the supervisor published for the UI, oldest first. */
  readonly events: ApiEvent[];
  readonly root: string;
  project(name: string, mode?: PermissionMode): Project;
  /** Queues an instruction (as the chat layer does) and starts it. */
  instruct(project: Project, text: string, inboxId?: number): SessionRuntime;
  /** Builds a second supervisor on the same store (the app restarted). */
  restart(): Promise<SessionSupervisor>;
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

export async function startSessions(t: TestContext, options: { healthTimeoutMs?: number } = {}): Promise<SessionsHarness> {
  const store = openTestStore(t);
  const clock = new FakeClock(Date.now());
  const claude = await AnthropicTestServer.start();
  defer(t, () => claude.close());
  const replies = new RecordingReplies();
  const root = join(tempDir(t), 'code');
  mkdirSync(root);
  const settings = { ...defaultSettings(tempDir(t)), projectRoots: [root], anthropicBaseUrl: claude.url, model: 'claude-sonnet-4-6' };
  const projects = new ProjectRegistry({ repo: new ProjectsRepo(store), roots: () => [root], now: () => clock.now() });
  const logger = silentLogger();
  const limiter = new RateLimiter({ logger });
  const repos: SessionRepos = { sessions: new SessionsRepo(store), steps: new StepsRepo(store), turns: new TurnsRepo(store) };
  const events: ApiEvent[] = [];
  const approvals: SessionApprovals = new SessionApprovals({ store, clock, workers: () => supervisor });
  const build = () =>
    new SessionSupervisor({
      store,
      repos,
      approvals,
      clock,
      logger,
      replies,
      createWorker: (name) => new AgentWorker({ limiter, logger, name, workerUrl: FAULTY_WORKER, resourceLimits: { maxOldGenerationSizeMb: 64 } }),
      agentConfig: (session, project) => buildAgentConfig(settings, 'sk-ant-test', session, project),
      project: (id) => projects.get(id),
      publish: (event) => events.push(event),
      ...(options.healthTimeoutMs ? { healthTimeoutMs: options.healthTimeoutMs } : {}),
    });
  let supervisor = build();
  supervisor.start();
  defer(t, () => supervisor.stop());
  return {
    store,
    clock,
    claude,
    replies,
    get supervisor() {
      return supervisor;
    },
    repos,
    projects,
    approvals,
    events,
    root,
    project(name, mode) {
      mkdirSync(join(root, name), { recursive: true });
      const p = projects.add(name);
      if (mode) projects.setPermissionMode(p.id, mode);
      return projects.get(p.id)!;
    },
    instruct(project, text, inboxId) {
      const content: UserBlock[] = [{ type: 'text', text }];
      const queued = store.transaction(() => supervisor.enqueueTurn(project.id, inboxId, content));
      supervisor.kick(queued.runtime);
      return queued.runtime;
    },
    async restart() {
      await supervisor.stop();
      supervisor = build();
      supervisor.start();
      return supervisor;
    },
    async until(condition, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
