// One project's agent session inside a worker: the committed steps the model still sees,
// a queue of owner turns (run one at a time), stop, approvals and the permission mode. It
// emits events through a callback and touches no database; worker.ts wires it to the port,
// tests may run it in-process with the same server and limiter.
import { realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../paths.js';
import { homedir } from 'node:os';
import type { AgentLog } from './agent-log.js';
import { Approvals } from './approvals.js';
import type { Clock } from '../../shared/clock.js';
import { modelLimits, systemPrompt, withSystemBreakpoint, withToolsBreakpoint } from './context.js';
import type { UserBlock } from '../content.js';
import { runCompactionTurn, runTurn } from './loop.js';
import { readMemory } from './memory.js';
import { NestedMemory } from './nested-memory.js';
import { dateNoteFor } from './today.js';
import { ModelClient } from './model-client.js';
import type { PermitSource } from '../permits.js';
import { Permissions } from './permissions.js';
import { loadProjectSettings, withProjectSandbox } from './project-settings.js';
import { SettingsWatch, settingsChangedNotice } from './settings-watch.js';
import { isHookConfirmationRule, type HookEntry } from './hooks/hook-config.js';
import { SessionHooks } from './hooks/session-hooks.js';
import { runPromptHooks } from './hooks/prompt-hooks.js';
import { isFolderConfirmationRule, type AgentEvent, type ApprovalDecision, type ResolvedAgentConfig } from '../protocol.js';
import { AddedFolders, readAddedFolder } from './added-folders.js';
import { sessionToolDefinitions } from './tools/index.js';
import { loadSkills, type Skill } from '../skills.js';
import { loadAgents, type AgentDefinition } from '../agents.js';
import { runSubagent } from './subagent.js';
import { failed } from './tools/types.js';
import type { ToolContext } from './tools/types.js';
import { FileReads } from './tools/read-state.js';
import { spawnDirect } from '../command-process.js';
import { HostSpawner } from '../command-host/client.js';
import { SandboxPlan } from './sandbox-plan.js';
import { ShellState } from './shell-state.js';
import { effortSupported, thinkingRequest } from '../thinking.js';
import { BackgroundShells, DEFAULT_BACKGROUND_LIMITS } from './tools/background-shells.js';
import { resolveSandboxConfig } from '../sandbox/config.js';
import { ZERO_USAGE } from '../pricing.js';
import { closeCalls } from './tool-runner.js';
import { interruptedTurn, nextAction, workingSteps, type NewStep, type Step } from '../transcript.js';
import type { TurnEnv } from './turn-env.js';
import type { PermissionMode } from '../../shared/config.js';

export interface SessionDeps {
  readonly permits: PermitSource;
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: AgentLog;
  readonly emit: (event: AgentEvent) => void;
  /** Child process groups started by Bash (the worker reports them to the main process). */
  readonly onProcess: (pid: number, state: 'started' | 'ended') => void;
  /**
   * Resolves once the main process stored step `seq` (or `signal` aborted). In a worker this
   * waits for its `stored` confirmation; without one (in-process tests) steps count as stored.
   */
  readonly stored?: (seq: number, signal: AbortSignal) => Promise<void>;
  /** Environment for commands; defaults to this process's, without secrets. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const SECRET_ENV = /^(ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|SIGNAL_CLAUDE_.*)$/;

function commandEnv(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && !SECRET_ENV.test(k)) out[k] = v;
  return out;
}

export class AgentSession {
  private steps: Step[];
  private nextSeq: number;
  /** Owner turns waiting; `compact` marks a /compact turn (a summary instead of a model turn). */
  private readonly queue: { turnId: string; content: UserBlock[]; compact?: { instructions: string | undefined } }[] = [];
  private current: { turnId: string; controller: AbortController } | undefined;
  private draining: Promise<void> | undefined;
  private readonly env: TurnEnv;
  private readonly approvals: Approvals;
  /** The settings' additionalDirectories and the owner's answers about them. */
  readonly folders: AddedFolders;
  private readonly permissions: Permissions;
  /** The turn the transcript stopped in the middle of (a crash), if any. */
  private readonly interruptedTurnId: string | undefined;
  /** That turn, when it is to be continued. */
  readonly resumingTurnId: string | undefined;
  readonly warnings: string[];
  /** The settings files' defaultMode, when it is the mode this session started in. */
  modeFromSettings: { readonly mode: PermissionMode; readonly source: string } | undefined;
  /** The day the system prompt names. */
  private readonly startedAt: number;
  private readonly background: BackgroundShells;
  private readonly hooks: SessionHooks;
  /** SessionStart hooks run before the first turn this worker runs ('startup' or 'resume'). */
  private sessionStart: 'startup' | 'resume' | undefined;

  private constructor(config: ResolvedAgentConfig, root: string, transcript: readonly Step[], memory: { readonly instructions: string; readonly nested: NestedMemory; readonly skills: readonly Skill[]; readonly agents: readonly AgentDefinition[] }, permissions: Permissions, warnings: string[], private readonly deps: SessionDeps, continueInterrupted: boolean, private readonly settingsWatch: SettingsWatch, private readonly shell: ShellState, hooks: readonly HookEntry[], private readonly home: string, parts: { readonly approvals: Approvals; readonly folders: AddedFolders }) {
    this.startedAt = config.startedAt ?? deps.clock.now();
    this.nextSeq = transcript.reduce((m, s) => Math.max(m, s.seq + 1), 0);
    this.interruptedTurnId = interruptedTurn(transcript);
    this.resumingTurnId = continueInterrupted ? this.interruptedTurnId : undefined;
    // Keep only what the model still sees; the main process has the rest.
    this.steps = [...workingSteps(transcript)];
    this.permissions = permissions;
    this.warnings = warnings;
    this.approvals = parts.approvals;
    const folders = (this.folders = parts.folders);
    const limits = modelLimits(config.model);
    const contextWindow = config.contextWindow ?? limits.contextWindow;
    const thinking = thinkingRequest(config.thinking, config.model, Math.min(config.maxTokens ?? 16_384, limits.maxOutput), limits.maxOutput);
    const maxTokens = thinking.maxTokens;
    const cmdEnv = shell.baseEnv;
    const sandbox = new SandboxPlan(resolveSandboxConfig(config.sandbox), root, cmdEnv, () => folders.usable);
    const spawn = config.commandHost ? new HostSpawner(config.commandHost, deps.log).spawn : spawnDirect;
    this.background = new BackgroundShells(spawn, deps.onProcess, () => deps.clock.now(), DEFAULT_BACKGROUND_LIMITS, (shells) =>
      deps.emit({ type: 'background', shells: shells.map(({ id, command, startedAt }) => ({ id, command, startedAt })) }),
    );
    const background = this.background;
    const files = new FileReads();
    files.seed(root, this.steps);
    memory.nested.seed(this.steps);
    const readDenied = (absPath: string): boolean =>
      (isInside(root, absPath) || folders.usable.some((f) => isInside(f, absPath))) && permissions.readDenied(relative(root, absPath).split(sep).join('/')) !== undefined;
    this.sessionStart = transcript.length === 0 ? 'startup' : 'resume';
    this.hooks = new SessionHooks(hooks, config.sessionAllowRules, {
      sessionId: config.sessionId,
      root,
      approvals: this.approvals,
      emit: (event) => deps.emit(event),
      mode: () => permissions.permissionMode,
      place: (command, signal) => {
        const policy = sandbox.policyFor(command);
        return { root, env: shell.envOf(policy !== undefined), spawn, sandbox: policy, onProcess: deps.onProcess, signal };
      },
    });
    const bash = {
      defaultTimeoutMs: config.bashDefaultTimeoutMs ?? 120_000,
      maxTimeoutMs: config.bashMaxTimeoutMs ?? 600_000,
      outputCapChars: config.bashOutputCapChars ?? 30_000,
    };
    this.env = {
      config,
      root,
      reach: () => folders.reach(),
      system: withSystemBreakpoint(
        systemPrompt({ root, platform: process.platform, startedAt: this.startedAt, instructions: memory.instructions, append: config.systemPromptAppend, sandbox: sandbox.promptText(folders.folders.length > 0), added: folders.status() }),
      ),
      tools: withToolsBreakpoint(sessionToolDefinitions(memory.skills, { webSearch: config.webSearch === true, agents: memory.agents })),
      model: new ModelClient({
        apiKey: config.apiKey,
        baseUrl: config.baseUrl,
        permits: deps.permits,
        clock: deps.clock,
        log: deps.log,
        streamIdleTimeoutMs: config.streamIdleTimeoutMs ?? 120_000,
        maxRetries: config.maxRetries ?? 6,
      }),
      permissions,
      approvals: this.approvals,
      sandbox,
      shell,
      hooks: this.hooks,
      clock: deps.clock,
      log: deps.log,
      maxTokens,
      thinking: thinking.thinking,
      effort: config.effort && effortSupported(config.model) ? config.effort : undefined,
      maxOutputTokens: Math.max(maxTokens, limits.maxOutput),
      contextWindow,
      compactAtTokens: Math.floor(contextWindow * (config.compactAtFraction ?? 0.8)),
      steps: () => this.steps,
      commit: (step) => this.commit(step),
      stored: deps.stored ?? (() => Promise.resolve()),
      emit: (event) => {
        deps.emit(event);
        if (event.type === 'tool_result' && event.outcome === 'ran' && (event.name === 'Write' || event.name === 'Edit' || event.name === 'Bash')) this.checkSettings(event.turnId);
      },
      toolContext: (turnId, signal): ToolContext => ({
        root,
        reach: folders.reach(),
        signal,
        env: cmdEnv,
        bash,
        spawn,
        sandboxFor: (command) => sandbox.policyFor(command),
        onProcess: deps.onProcess,
        setTodos: (todos) => deps.emit({ type: 'todos', turnId, todos: todos.map((t) => ({ ...t })) }),
        readDenied,
        nestedMemory: (absPath) => memory.nested.forFile(absPath, readDenied),
        skills: memory.skills,
        runSubagent: (type, prompt, signal) => {
          const definition = memory.agents.find((a) => a.name === type.trim().toLowerCase());
          if (!definition) return Promise.resolve(failed(`Unknown agent type: ${type}. Available: ${memory.agents.map((a) => a.name).join(', ')}.`));
          return runSubagent(this.env, turnId, definition, prompt, signal, memory.skills);
        },
        files,
        shell,
        background,
      }),
      previousBreakpoint: undefined,
      contextSize: undefined,
    };
  }

  static async create(config: ResolvedAgentConfig, transcript: readonly Step[], deps: SessionDeps, continueInterrupted = true): Promise<AgentSession> {
    const root = await realpath(config.projectRoot);
    const home = config.homeDir ?? homedir();
    const settings = await loadProjectSettings(root, home);
    const fromFile = config.permissionModeFromOwner === false ? settings.defaultMode : undefined;
    const approvals = new Approvals((e) => deps.emit(e), deps.clock, deps.random, config.approvalTimeoutMs, config.approvalIdPrefix);
    const fromPhone = await Promise.all((config.addedDirs ?? []).map((dir) => readAddedFolder(dir, { root, home, source: '/add-dir', owner: true })));
    const folders = new AddedFolders([...fromPhone.flatMap((f) => ('warning' in f ? [] : [f])), ...settings.addedFolders], root, resolveSandboxConfig(config.sandbox).hide, join(await realpath(home).catch(() => home), '.claude'), config.sessionAllowRules, { approvals, emit: (e) => deps.emit(e) });
    const permissions = new Permissions(fromFile?.mode ?? config.permissionMode, [config.rules, ...settings.rules], root, () => folders.usable);
    for (const rule of config.sessionAllowRules) if (!isHookConfirmationRule(rule) && !isFolderConfirmationRule(rule)) permissions.addSessionRule(rule);
    const warnings = [...settings.warnings, ...fromPhone.flatMap((f) => ('warning' in f ? [f.warning] : [])), ...folders.warnings, ...permissions.invalidRules.map((r) => `Ignored a permission rule that does not parse: ${r}`)];
    const seen = new Set<string>();
    const instructions = await readMemory({ root, home }, seen);
    const nested = new NestedMemory({ root, home }, seen);
    const skills = await loadSkills(root, home);
    const agents = await loadAgents(root, home);
    const watch = await SettingsWatch.start(root);
    const shell = await ShellState.create(root, commandEnv({ ...(deps.env ?? process.env), ...settings.env.owner }), () => folders.usable);
    shell.presetSandboxed(settings.env.project);
    const session = new AgentSession(withProjectSandbox(config, settings), root, transcript, { instructions, nested, skills, agents }, permissions, warnings, deps, continueInterrupted, watch, shell, settings.hooks, home, { approvals, folders });
    session.modeFromSettings = fromFile;
    return session;
  }

  /**
   * Tells the owner when a settings file changed: its rules wait for /restart (settings-watch.ts);
   * its new or changed hooks join the session and each asks the owner before its first run.
   */
  private checkSettings(turnId: string): void {
    this.hooks.reload(
      this.settingsWatch.changed().then(async (files) => {
        if (files.length === 0) return [];
        this.deps.emit({ type: 'error', turnId, code: 'AGENT_SETTINGS_CHANGED', message: settingsChangedNotice(files), retrying: true });
        return (await loadProjectSettings(this.env.root, this.home)).hooks;
      }),
    );
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0;
  }

  get mode(): PermissionMode {
    return this.permissions.permissionMode;
  }

  private commit(step: NewStep): Step {
    const full = { ...step, seq: this.nextSeq++, at: this.deps.clock.now() } as Step;
    this.steps.push(full);
    if (full.kind === 'compaction') this.steps = [...workingSteps(this.steps)];
    this.deps.emit({ type: 'step', step: full });
    return full;
  }

  /**
   * Deals with a turn a crash interrupted: continues it, or (continueInterrupted false) closes
   * it — open tool calls answered as interrupted, a cancelled turn_end — so later requests
   * stay valid.
   */
  settleInterrupted(): void {
    const turnId = this.interruptedTurnId;
    if (!turnId) return;
    if (this.resumingTurnId) {
      this.queue.unshift({ turnId, content: [] });
      this.drain();
      return;
    }
    const open = nextAction(this.steps, turnId);
    if (open.kind === 'tools') closeCalls(this.env, turnId, open.calls);
    this.commit({ kind: 'turn_end', turnId, reason: 'cancelled', usage: { ...ZERO_USAGE }, costUsd: 0 });
    this.deps.emit({ type: 'turn_end', turnId, reason: 'cancelled', text: '', usage: { ...ZERO_USAGE }, costUsd: 0 });
  }

  enqueueTurn(turnId: string, content: UserBlock[]): void {
    this.queue.push({ turnId, content });
    this.drain();
  }

  /** The owner's /compact, queued behind any turn like an instruction. */
  enqueueCompaction(turnId: string, instructions: string | undefined): void {
    this.queue.push({ turnId, content: [], compact: { instructions } });
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.queue.length > 0) {
        const next = this.queue.shift()!;
        const controller = new AbortController();
        this.current = { turnId: next.turnId, controller };
        if (next.compact) {
          this.deps.emit({ type: 'turn_started', turnId: next.turnId, resumed: false });
          await runCompactionTurn(this.env, next.turnId, next.compact.instructions, controller.signal);
          this.current = undefined;
          continue;
        }
        const resumed = next.content.length === 0;
        if (!resumed) {
          const start = this.sessionStart;
          this.sessionStart = undefined;
          await this.hooks.settled();
          const hooked = this.hooks.has('UserPromptSubmit') || (start !== undefined && this.hooks.has('SessionStart'));
          const asking = hooked || this.folders.hasPending;
          // With prompt hooks or added folders to confirm the turn is shown as started while the owner is asked.
          if (asking) this.deps.emit({ type: 'turn_started', turnId: next.turnId, resumed });
          const folderNotes = this.folders.hasPending ? await this.folders.confirmPending(next.turnId, controller.signal) : [];
          const hooks = hooked && !controller.signal.aborted ? await runPromptHooks(this.hooks, next.turnId, controller.signal, next.content, start) : { extra: [] };
          if (hooks.blocked !== undefined || controller.signal.aborted) {
            this.endUnsent(next.turnId, hooks.blocked);
            continue;
          }
          const note = dateNoteFor(this.steps, this.startedAt, this.deps.clock.now());
          this.commit({ kind: 'user', turnId: next.turnId, origin: 'owner', content: [...next.content, ...hooks.extra, ...folderNotes.map((text) => ({ type: 'text' as const, text })), ...note] });
          if (!asking) this.deps.emit({ type: 'turn_started', turnId: next.turnId, resumed });
        } else this.deps.emit({ type: 'turn_started', turnId: next.turnId, resumed });
        await runTurn(this.env, next.turnId, controller.signal);
        this.current = undefined;
      }
      this.draining = undefined;
    })();
  }

  /** A turn whose message never reached Claude: a UserPromptSubmit hook blocked it, or /stop. */
  private endUnsent(turnId: string, blockedBy: string | undefined): void {
    if (blockedBy !== undefined) this.deps.emit({ type: 'hook_notice', turnId, event: 'UserPromptSubmit', command: '', kind: 'blocked-prompt', detail: blockedBy.slice(0, 500) });
    this.current = undefined;
    this.deps.emit({ type: 'turn_end', turnId, reason: 'cancelled', text: '', usage: { ...ZERO_USAGE }, costUsd: 0 });
  }

  /** Resolves when no turn is running or queued. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops the running turn and drops queued ones (each still gets a turn_end). */
  stop(): void {
    for (const dropped of this.queue.splice(0)) {
      this.deps.emit({ type: 'turn_end', turnId: dropped.turnId, reason: 'cancelled', text: '', usage: { ...ZERO_USAGE }, costUsd: 0 });
    }
    this.current?.controller.abort(new Error('stopped by the owner'));
  }

  /** The session ends: background commands are stopped and the shell's state folder removed. */
  async dispose(): Promise<void> {
    this.background.dispose();
    await this.shell.dispose();
  }

  /** Commands started with run_in_background, for /status. */
  get backgroundCommands(): ReturnType<BackgroundShells['list']> {
    return this.background.list();
  }

  answerApproval(approvalId: string, decision: ApprovalDecision, reason?: string): boolean {
    return this.approvals.answer(approvalId, decision, reason);
  }

  setMode(mode: PermissionMode): void {
    this.permissions.setMode(mode);
  }

  /** /net on|off: applies to the next command (the system prompt stays as it was, for the cache). */
  setNetwork(network: boolean): void {
    this.env.sandbox.setNetwork(network);
  }

  /** The owner's new Anthropic key, for every request from now on. */
  setApiKey(apiKey: string): void {
    this.env.model.setApiKey(apiKey);
  }
}
