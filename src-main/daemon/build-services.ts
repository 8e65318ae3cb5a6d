// Builds the product's services once, in dependency order, and hands each what it needs:
// the Signal link, the agent rate limiter, the session supervisor and the chat layer.
import type { Clock } from '../shared/clock.js';
import type { Settings } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { AgentWorker, ApiKeyWatch, CommandHost, RateLimiter, SessionHost, sandboxSupport, type ForkHost } from '../agent/index.js';
import { projectNetwork } from '../sessions/project-network.js';
import { projectEffort, projectThinking } from '../sessions/project-thinking.js';
import { projectWebSearch } from '../sessions/project-web-search.js';
import { projectDirs } from '../sessions/project-dirs.js';
import { unsandboxedNotice } from '../display/wording/session-notices.js';
import { z } from 'zod';

const UNSANDBOXED_TOLD = 'sandbox.unavailable-told';
import { execGitRunner } from '../sessions/git-diff.js';
import type { Store } from '../store/database.js';
import { MessageRefsRepo } from '../store/message-refs-repo.js';
import { ProjectsRepo } from '../store/projects-repo.js';
import { AppStateRepo } from '../store/app-state-repo.js';
import { SessionsRepo } from '../store/sessions-repo.js';
import { StepsRepo } from '../store/steps-repo.js';
import { TurnsRepo } from '../store/turns-repo.js';
import { SignalService, type SignalServiceOptions } from '../signal/service.js';
import { loadServerConfig } from '../signal/server-config.js';
import type { Conversation } from '../signal/receive/inbound-events.js';
import type { InstanceMarkDetails } from '../signal/protocol/instance-mark.js';
import { ProjectRegistry } from '../sessions/projects.js';
import { SessionSupervisor } from '../sessions/supervisor.js';
import { ProjectRemoval } from '../sessions/project-removal.js';
import { SessionApprovals } from '../sessions/approvals/index.js';
import { buildAgentConfig } from '../sessions/agent-config.js';
import { authorize } from '../chat/authorization.js';
import { ChatService, type ChatServiceOptions } from '../chat/chat-service.js';
import { projectNotify } from '../sessions/project-notify.js';
import { ChatReplies } from '../chat/replies.js';
import { ChatState } from '../chat/chat-state.js';
import { SaveProposals } from '../chat/save-proposals.js';
import { createCommands } from '../chat/commands/index.js';
import { ReplyGuard } from '../chat/reply-guard.js';
import { approvalIdDigit, Computers } from '../chat/computers.js';
import { renameComputer, type RenameOutcome } from '../chat/computer-name.js';
import { Undelivered } from '../chat/undelivered.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import { undeliveredSummary } from '../display/wording/undelivered.js';
import { anthropicKeyRejectedNotice } from '../display/wording/api-key.js';
import { captchaNotice } from '../display/wording/captcha-replies.js';
import type { EventBus } from './event-bus.js';
import { computersControl, type ComputersControl } from './computers-control.js';
import type { PreferencesControl } from './preferences-control.js';

/** The phone's captcha notice is tried at once, then dropped rather than sent stale after the hold. */
const CAPTCHA_NOTICE_TTL_MS = 30_000;

export interface ServiceDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly preferences: PreferencesControl;
  /** The settings in effect now (preferences saved from the window apply without a restart). */
  readonly settings: () => Settings;
  readonly workerUrl?: URL;
  /** How the command host and session host processes are started (Electron: utilityProcess.fork). */
  readonly forkCommandHost?: ForkHost;
  readonly signalTiming?: SignalServiceOptions['timing'];
  readonly agentTiming?: { readonly streamIdleTimeoutMs?: number };
  readonly chatTiming?: ChatServiceOptions['timing'];
  readonly appStatusLine: () => string;
}

export interface Services {
  readonly signal: SignalService;
  readonly supervisor: SessionSupervisor;
  readonly approvals: SessionApprovals;
  readonly chat: ChatService;
  /** The other computers on the account, as this one knows them. */
  readonly computers: Computers;
  readonly projects: ProjectRegistry;
  readonly commands: CommandHost;
  /** The process that holds the sessions' worker threads (started with the first session). */
  readonly sessionHost: SessionHost;
  /** Replies that could not be delivered (health, the summary, /undelivered). */
  readonly undelivered: Undelivered;
  /** Whether Anthropic refused the current API key (health). */
  readonly apiKey: ApiKeyWatch;
  /** Removing a project (/forget <project>, the app's "Remove project…"). */
  readonly removal: ProjectRemoval;
  /** Renames this computer (the phone's `/name`, the app's Preferences). */
  readonly renameComputer: (name: string) => Promise<RenameOutcome>;
  /** The app's read-only list of the account's computers, and renaming from Preferences. */
  readonly computersView: ComputersControl;
}

export function buildServices(deps: ServiceDeps): Services {
  const { store, logger, clock, events } = deps;
  const now = () => clock.now();
  const startup = deps.settings();
  const signal = new SignalService({
    store,
    logger,
    clock,
    serverConfig: loadServerConfig(startup.signalConfig),
    deviceName: startup.deviceName,
    // Only the conversation the app serves is stored: the chat layer's own gate, applied early.
    keepEvent: (event, ownAci) => {
      const s = deps.settings();
      // Another computer's messages (marked, from the own account) are kept too: the chat layer
      // learns the account's computers from them, and never takes them as input.
      if (event.instance && event.fromOwnAccount) return true;
      return authorize(event, { mode: s.chatMode, ownAci, allowlist: s.allowlist }).allowed;
    },
    // Every message carries this computer's project names and current project (issue 16).
    markDetails: (): InstanceMarkDetails => {
      const current = chatState.currentProjectId();
      const name = current ? projects.get(current)?.name : undefined;
      return {
        projects: projects.names(),
        instance: computers.instanceId(),
        ...(name ? { current: name, currentSince: chatState.currentSetAt() } : {}),
      };
    },
    ...(deps.signalTiming ? { timing: deps.signalTiming } : {}),
  });

  const appState = new AppStateRepo(store, now);
  const chatState = new ChatState(appState, now);
  const computers = new Computers(
    appState,
    () => {
      const account = signal.status().account;
      return { name: account?.deviceName ?? startup.deviceName, device: account?.deviceId };
    },
    // After the transaction that stored it: the app's list of computers is read again.
    () => queueMicrotask(() => events.publish({ type: 'computers', computers: computersView.list() })),
  );
  // Once connected, each start announces this computer to the others (invisible to the owner).
  let announced = false;
  const announce = () => signal.send({ to: { kind: 'note-to-self' }, presence: true });
  signal.on('status', (status) => {
    if (status.state !== 'connected' || announced) return;
    announced = true;
    announce();
  });
  // The server no longer has a device of the account (unlinked): never route work there again.
  signal.on('own-devices-gone', (devices) => computers.gone(devices, now()));
  // Renaming from the phone or the app (chat/computer-name.ts); the preference follows, for a relink.
  const rename = async (name: string): Promise<RenameOutcome> => {
    const outcome = await renameComputer({ computers, rename: (n) => signal.rename(n), announce, remember: (n) => deps.preferences.update({ deviceName: n }) }, name);
    if (outcome.kind === 'renamed') events.publish({ type: 'computers', computers: computersView.list() });
    return outcome;
  };
  const refs = new MessageRefsRepo(store);
  const projects = new ProjectRegistry({ repo: new ProjectsRepo(store), roots: () => deps.settings().projectRoots, now });
  const computersView: ComputersControl = computersControl({ computers, projects, signal, rename });
  const guard = new ReplyGuard();
  const replies = new ChatReplies({
    transport: signal,
    guard,
    // Several computers: every reply says which one wrote it.
    tag: () => (computers.several() ? (signal.status().account?.deviceName ?? startup.deviceName) : undefined),
    refs,
    destination: (): Conversation => {
      const s = deps.settings();
      const sender = chatState.botPeer();
      return s.chatMode === 'bot' && sender ? { kind: 'direct', aci: sender } : { kind: 'note-to-self' };
    },
    settings: deps.settings,
    logger,
    now,
    notifyLevel: (projectId) => projectNotify(appState, projectId),
  });
  // One limiter for the whole process: every session shares the API key's limits.
  const limiter = new RateLimiter({ logger });
  // Every API response's status also tells whether the key works; a refused key is told once.
  const apiKey = new ApiKeyWatch({
    currentKey: () => deps.preferences.anthropicApiKey(),
    now,
    onRejected: ({ status }) => {
      logger.warn({ mod: 'agent', status }, 'Anthropic rejected the API key');
      store.transaction(() => replies.notice(undefined, anthropicKeyRejectedNotice(status), { notify: true }));
    },
  });
  const permits = {
    acquire: (estimate: number, signal: AbortSignal) => limiter.acquire(estimate, signal),
    report: (report: Parameters<RateLimiter['report']>[0]) => {
      limiter.report(report);
      apiKey.report(report.status);
    },
  };
  // One small process starts every session's commands (see agent/command-host/).
  // Light when idle: it starts with the first command and stops after a quiet period (0: never).
  const idleSec = startup.commandHostIdleSec;
  const commands = new CommandHost({ logger, ...(idleSec > 0 ? { idleStopMs: idleSec * 1000 } : {}), ...(deps.forkCommandHost ? { fork: deps.forkCommandHost } : {}) });
  // The sessions' worker threads live in a process of their own, so that with many sessions at
  // work the main thread is not held up by their threads (see agent/main/session-host.ts).
  const sessionHost = new SessionHost({ logger, ...(deps.forkCommandHost ? { fork: deps.forkCommandHost } : {}) });
  // Where no sandbox can run, the owner hears it once (then in /status and in each approval).
  const tellOnceUnsandboxed = (reason: string): void => {
    if (appState.get(UNSANDBOXED_TOLD, z.boolean())) return;
    store.transaction(() => {
      replies.notice(undefined, unsandboxedNotice(reason, deps.settings().sandboxAskWhenUnsandboxed), { notify: true });
      appState.set(UNSANDBOXED_TOLD, true);
    });
  };
  // Signal starts asking for a captcha (a 428 on a send): the owner is told once on the phone too.
  // Signal may be holding this very notice back, so it is tried right away and dropped rather
  // than sent late (the dashboard and /api/health say it meanwhile).
  let captchaTold = false;
  signal.on('status', (status) => {
    if (!status.challenge) captchaTold = false;
    else if (!captchaTold) {
      captchaTold = true;
      replies.notice(undefined, captchaNotice(status.challenge.captchaUrl), { notify: true, ttlMs: CAPTCHA_NOTICE_TTL_MS });
    }
  });
  // Each time the link works again, replies that could not be delivered meanwhile are summed up
  // in one message (once: the mark moves in the same transaction as the summary is queued).
  const undelivered = new Undelivered(appState, new OutboxRepo(store, now));
  let connected = false;
  signal.on('status', (status) => {
    const was = connected;
    connected = status.state === 'connected';
    if (!connected || was) return;
    const pending = undelivered.toSummarise();
    if (!pending) return;
    store.transaction(() => {
      replies.notice(undefined, undeliveredSummary(pending.count, pending.oldestAt, now()), { notify: true });
      undelivered.summarised(pending.upTo);
    });
  });
  const approvals: SessionApprovals = new SessionApprovals({ store, clock, workers: () => supervisor });
  const sessionsRepo = new SessionsRepo(store);
  const supervisor = new SessionSupervisor({
    store,
    repos: { sessions: sessionsRepo, steps: new StepsRepo(store), turns: new TurnsRepo(store) },
    approvals,
    clock,
    logger,
    replies,
    createWorker: (name) => new AgentWorker({ limiter: permits, commands, logger, name, spawn: sessionHost.spawn, ...(deps.workerUrl ? { workerUrl: deps.workerUrl } : {}), resourceLimits: { maxOldGenerationSizeMb: 512 } }),
    agentConfig: (session, project) => {
      const commandHost = commands.endpoint();
      const sandbox = { network: projectNetwork(appState, project.id), support: sandboxSupport() };
      if (sandbox.support.kind === 'none' && deps.settings().sandboxEnabled) tellOnceUnsandboxed(sandbox.support.reason);
      const approvalIdPrefix = approvalIdDigit(signal.status().account?.deviceId);
      const thinking = projectThinking(appState, project.id);
      const effort = projectEffort(appState, project.id);
      const webSearch = projectWebSearch(appState, project.id);
      const addedDirs = projectDirs(appState, project.id);
      return {
        ...buildAgentConfig(deps.settings(), deps.preferences.anthropicApiKey(), session, project, sandbox, sessionsRepo.rulesOfProject(project.id)),
        ...deps.agentTiming,
        ...(commandHost ? { commandHost } : {}),
        ...(approvalIdPrefix ? { approvalIdPrefix } : {}),
        ...(thinking !== undefined ? { thinking } : {}),
        ...(effort !== undefined ? { effort } : {}),
        ...(webSearch ? { webSearch } : {}),
        ...(addedDirs.length > 0 ? { addedDirs } : {}),
      };
    },
    project: (id) => projects.get(id),
    publish: (event) => events.publish(event),
    defaults: () => deps.settings(),
  });
  const removal = new ProjectRemoval({
    store,
    projects,
    supervisor,
    replies,
    removed: (id) => {
      if (chatState.currentProjectId() === id) chatState.letGo();
    },
  });
  const attachments = { read: (id: number) => signal.readAttachment(id) };
  const proposals = new SaveProposals(appState, attachments, projects, () => supervisor);
  const chat = new ChatService({
    store,
    inbox: signal,
    attachments,
    replies,
    refs,
    services: { projects, supervisor, approvals, chatState, settings: deps.settings, clock, git: execGitRunner(), appStatusLine: deps.appStatusLine, computers, renameComputer: rename, solveCaptcha: (c) => signal.solveCaptcha(c) },
    commands: createCommands(appState, undelivered, removal),
    proposals,
    settings: deps.settings,
    clock,
    logger,
    onAuthorizedSender: (aci) => chatState.setBotPeer(aci),
    guard,
    computers,
    announce,
    ...(deps.chatTiming ? { timing: deps.chatTiming } : {}),
  });
  return { signal, supervisor, approvals, chat, projects, commands, sessionHost, computers, undelivered, removal, renameComputer: rename, computersView, apiKey };
}
