// Shared set-up for agent tests: a temporary project folder, the local Anthropic server, and an
// AgentSession run in-process (the same code a worker runs) or an AgentWorker in a real thread.
// Events are collected so tests can wait for and assert on them.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AgentWorker } from '../../src-main/agent/main/agent-worker.js';
import { silentAgentLog } from '../../src-main/agent/worker/agent-log.js';
import { systemClock } from '../../src-main/shared/clock.js';
import { AgentConfigSchema, type AgentConfig, type AgentEvent } from '../../src-main/agent/protocol.js';
import { RateLimiter } from '../../src-main/agent/main/rate-limiter.js';
import { AgentSession } from '../../src-main/agent/worker/agent-session.js';
import type { Step } from '../../src-main/agent/transcript.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { CommandHost } from '../../src-main/agent/command-host/launcher.js';
import { toolOutputText } from '../../src-main/agent/content.js';
import { AnthropicTestServer, type ServerOptions } from '../helpers/anthropic-server.js';

export const TEST_MODEL = 'claude-sonnet-4-6';

/** Writes `files` (relative path → content) under `base`, folders included. */
export async function putFiles(base: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(base, rel)), { recursive: true });
    await writeFile(join(base, rel), content);
  }
}

export async function tempProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-project-'));
  await putFiles(dir, files);
  return dir;
}

export function baseConfig(root: string, baseUrl: string, extra: Partial<AgentConfig> = {}): AgentConfig {
  return {
    sessionId: 'session-1',
    projectRoot: root,
    model: TEST_MODEL,
    permissionMode: 'acceptEdits',
    rules: { allow: [], ask: [], deny: [] },
    apiKey: 'test-key',
    baseUrl,
    approvalTimeoutMs: 60_000,
    streamIdleTimeoutMs: 5_000,
    // A session started now: an earlier day would add today's date to the first message (today.ts).
    startedAt: Date.now(),
    // Never the real home: its ~/.claude/CLAUDE.md would change what tests send.
    homeDir: join(tmpdir(), 'signal-claude-agent-tests-no-home'),
    ...extra,
  };
}

/** Collects events and lets a test wait for one. */
export class EventLog {
  readonly events: AgentEvent[] = [];
  private waiters: { match: (e: AgentEvent) => boolean; resolve: (e: AgentEvent) => void }[] = [];

  push = (event: AgentEvent): void => {
    this.events.push(event);
    for (const w of [...this.waiters]) {
      if (w.match(event)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  };

  of<T extends AgentEvent['type']>(type: T): Extract<AgentEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
  }

  get steps(): Step[] {
    return this.of('step').map((e) => e.step);
  }

  /** Resolves with the first event (already seen or future) that matches. */
  waitFor<T extends AgentEvent['type']>(type: T, match: (e: Extract<AgentEvent, { type: T }>) => boolean = () => true, timeoutMs = 15_000): Promise<Extract<AgentEvent, { type: T }>> {
    const seen = this.of(type).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        match: (e) => e.type === type && match(e as Extract<AgentEvent, { type: T }>),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<AgentEvent, { type: T }>);
        },
      });
    });
  }
}

export interface InProcess {
  readonly root: string;
  readonly server: AnthropicTestServer;
  readonly session: AgentSession;
  readonly log: EventLog;
  readonly limiter: RateLimiter;
  /** Runs one owner turn to its end and returns the turn_end event. */
  turn(text: string, turnId?: string): Promise<Extract<AgentEvent, { type: 'turn_end' }>>;
  close(): Promise<void>;
}

let turnCounter = 0;

export async function inProcessSession(options: {
  files?: Record<string, string>;
  config?: Partial<AgentConfig>;
  server?: ServerOptions;
  transcript?: Step[];
  root?: string;
  existingServer?: AnthropicTestServer;
  continueInterrupted?: boolean;
} = {}): Promise<InProcess> {
  const root = options.root ?? (await tempProject(options.files));
  const server = options.existingServer ?? (await AnthropicTestServer.start(options.server));
  const log = new EventLog();
  const limiter = new RateLimiter({ baseBackoffMs: 50 });
  const config = AgentConfigSchema.parse(baseConfig(root, server.url, options.config));
  const session = await AgentSession.create(config, options.transcript ?? [], {
    permits: limiter,
    clock: systemClock,
    random: Math.random,
    log: silentAgentLog,
    emit: log.push,
    onProcess: () => undefined,
  }, options.continueInterrupted ?? true);
  return {
    root,
    server,
    session,
    log,
    limiter,
    async turn(text, turnId = `turn-${++turnCounter}`) {
      session.enqueueTurn(turnId, [{ type: 'text', text }]);
      return log.waitFor('turn_end', (e) => e.turnId === turnId, 30_000);
    },
    async close() {
      session.stop();
      await session.idle();
      await session.dispose();
      if (!options.existingServer) await server.close();
      if (!options.root) await rm(root, { recursive: true, force: true });
    },
  };
}

/** An in-process session closed when the test ends (pass or fail). */
export async function openSession(t: TestContext, options: Parameters<typeof inProcessSession>[0] = {}): Promise<InProcess> {
  const h = await inProcessSession(options);
  t.after(() => h.close());
  return h;
}

export interface InWorker {
  readonly worker: AgentWorker;
  readonly log: EventLog;
}

/** A real worker thread wired to the shared limiter; events collected in `log`. */
export function spawnWorker(limiter: RateLimiter): InWorker {
  const worker = new AgentWorker({ limiter, logger: silentLogger() });
  const log = new EventLog();
  worker.onEvent(log.push);
  return { worker, log };
}

/** The worker as shipped: bundled by `npm run build` (which `npm test` runs first), chunks beside it. */
export const SHIPPED_WORKER = new URL('../../dist/worker.js', import.meta.url);

/**
 * Runs one turn in the shipped worker bundle against `baseUrl` (the scripted replies queued
 * there), for the tests that check a lazily loaded chunk (YAML, PDF) works once bundled.
 */
export async function runShippedTurn(t: TestContext, root: string, baseUrl: string, text: string, extra: Partial<AgentConfig> = {}): Promise<EventLog> {
  if (!existsSync(fileURLToPath(SHIPPED_WORKER))) throw new Error('dist/worker.js is missing: run `npm run build` first (npm test does)');
  const worker = new AgentWorker({ limiter: new RateLimiter(), logger: silentLogger(), workerUrl: SHIPPED_WORKER });
  const log = new EventLog();
  worker.onEvent(log.push);
  t.after(() => worker.terminate());
  await worker.start(baseConfig(root, baseUrl, extra));
  const turnId = `shipped-${++turnCounter}`;
  worker.sendTurn(turnId, [{ type: 'text', text }]);
  await log.waitFor('turn_end', (e) => e.turnId === turnId);
  return log;
}

/** The text and outcome of the result of tool call `toolUseId` in the worker's steps. */
export function toolResultOf(w: InWorker, toolUseId: string): { text: string; outcome: string } {
  const step = w.log.steps.find((s) => s.kind === 'tool_result' && s.toolUseId === toolUseId);
  assert.ok(step?.kind === 'tool_result', `${toolUseId} has a result`);
  return { text: toolOutputText(step.output), outcome: step.outcome };
}

/** A real worker on the file's server and command host, started in `root`, ended after the test. */
export async function startWorker(t: TestContext, world: { readonly server: AnthropicTestServer; readonly host: CommandHost }, root: string, extra: Partial<AgentConfig> = {}) {
  const w = spawnWorker(new RateLimiter());
  t.after(() => w.worker.terminate());
  const ready = await w.worker.start(baseConfig(root, world.server.url, { commandHost: world.host.endpoint()!, ...extra }));
  return { w, ready };
}

/**
 * A local Anthropic server and the real command host, started before the file's tests and
 * stopped after them (for tests that run commands through a real worker).
 */
export function serverAndCommandHost(): { readonly server: AnthropicTestServer; readonly host: CommandHost } {
  const world = { host: new CommandHost({ logger: silentLogger() }) } as { server: AnthropicTestServer; host: CommandHost };
  before(async () => {
    world.server = await AnthropicTestServer.start();
    await world.host.start();
    await world.host.whenStarted();
  });
  after(async () => {
    await world.host.stop();
    await world.server.close();
  });
  return world;
}
