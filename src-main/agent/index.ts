// The agent engine's public surface for the sessions layer: one Claude session per project, each
// in its own worker thread on @anthropic-ai/sdk. Everything else in src-main/agent/ is internal.
//
// ── Set-up (composition root, once per process) ─────────────────────────────────────────────
//   const limiter = new RateLimiter({ logger });   // ONE for all sessions: they share the key's limits
//
// ── Spawn a session's worker ─────────────────────────────────────────────────────────────────
//   const agent = new AgentWorker({ limiter, logger, resourceLimits: { maxOldGenerationSizeMb: 256 } });
//   agent.onEvent((event) => …);          // typed AgentEvent, see below
//   agent.onExit((exit) => …);            // exit.requested false → the worker crashed (CRASHED state)
//   const ready = await agent.start({
//     sessionId, projectRoot,             // the project folder; file tools are confined to it
//     model: settings.model, permissionMode: settings.permissionMode,
//     rules: { allow: settings.allowRules, ask: settings.askRules, deny: settings.denyRules },
//     sessionAllowRules,                  // rules from earlier rule_added events (survive restarts)
//     apiKey, baseUrl: settings.anthropicBaseUrl,
//     approvalTimeoutMs: settings.approvalTimeoutSec * 1000,
//     startedAt,                          // fixed per session: keeps the system prompt cacheable
//   }, transcript);                       // every persisted step of the session, in seq order ([] when new)
//   The project's .claude/settings.json rules and CLAUDE.md are read by the worker itself.
//   If the transcript ends inside a turn (a crash), `ready.resumingTurnId` names it and the
//   worker continues that turn on its own: completed tool calls are not run again, the one
//   that was running is reported to Claude as interrupted. With continueInterrupted=false
//   (third argument of start) the turn is closed instead (turn_end 'cancelled').
//
// ── Drive it ─────────────────────────────────────────────────────────────────────────────────
//   agent.sendTurn(turnId, [{ type: 'text', text }, { type: 'image', source: { type: 'base64', media_type, data } }]);
//       Turns queue in the worker and run one at a time; turnId is yours (e.g. the inbox id).
//   agent.answerApproval(approvalId, 'once' | 'always' | 'deny', reasonForTheModel?);
//       An id that is not open (answered, expired) comes back as an error event, code AGENT_PROTOCOL.
//   agent.stop();                         // /stop: ends the running turn within 1 s, drops queued ones
//   agent.setMode('plan');                // per-project mode change
//   await agent.ping();                   // health check (rejects after 5 s without an answer)
//   await agent.shutdown();               // graceful; agent.terminate() ends it at once
//   Commands started by Bash run in their own process groups; AgentWorker kills any left when
//   the worker exits, however it exits. With a CommandHost running (one per process, started by
//   the composition root), pass its endpoint() as config.commandHost: commands then fork from
//   that small process instead of the app's, which keeps the main loop responsive under load.
//
// ── Events ───────────────────────────────────────────────────────────────────────────────────
//   PERSIST  step          every one, in order, keyed by step.seq: this is the transcript (what
//                          start() resumes from). Tool results carry before-images (fileChanges).
//            rule_added    append to the session's sessionAllowRules.
//   SHOW     turn_started, text_delta (progress; drop text since the last step on stream_reset),
//            tool_call, tool_result (preview + changed files), todos, usage (tokens + cost per
//            request), compacted, error (retrying: true = a notice; false = the turn gave up).
//   NOTIFY   approval_request  "reply yes {approvalId}, always {approvalId} or no {approvalId}";
//                              it expires at expiresAt (then approval_resolved by 'timeout').
//            turn_end          exactly one per turnId sent; `text` is the final reply, `reason`
//                              end_turn | stop_sequence | refusal | cancelled | error.
//   /undo of a turn: collect the fileChanges of its tool_result steps and call
//   revertFileChanges(projectRoot, changes). Changes made by Bash commands are not tracked.
//
// ── Worker entry ─────────────────────────────────────────────────────────────────────────────
//   src-main/agent/worker/worker.ts; the bundle must emit it as dist/worker.js next to the entry that
//   contains AgentWorker (see agent-worker.ts).
export { AgentWorker, defaultWorkerUrl, type AgentWorkerOptions, type CommandActivity, type PingResult, type WorkerExit } from './main/agent-worker.js';
export { RateLimiter, type RateLimiterOptions, type RateLimiterSnapshot } from './main/rate-limiter.js';
export { ApiKeyWatch, type ApiKeyWatchOptions, type KeyRejection } from './main/api-key-watch.js';
export { checkAnthropicKey, type KeyCheck, type KeyCheckOptions } from './main/key-check.js';
export { CommandHost, type CommandHostOptions } from './command-host/launcher.js';
export { isInside } from './paths.js';
export { nodeForkHost, type ForkHost, type HostChild } from './command-host/host-process.js';
export { SessionHost, type SessionHostOptions } from './main/session-host.js';
export { inProcessWorker, type WorkerPort, type WorkerSpawner } from './main/worker-port.js';
export { sandboxSupport, type SandboxSupport } from './sandbox/detect.js';
export {
  AgentConfigSchema,
  WorkerEventSchema,
  type AgentConfig,
  type AgentEvent,
  type AddedFolderStatus,
  type ApprovalDecision,
  type WorkerEventOf,
  folderConfirmationRule,
  isFolderConfirmationRule,
  isOwnersAlwaysRule,
} from './protocol.js';
export { StepSchema, interruptedTurn, finalText, type Step, type StepOf, type TurnEndReason } from './transcript.js';
export { UserBlockSchema, type UserBlock } from './content.js';
export { revertFileChanges, type FileChange } from './file-changes.js';
export { costOf, knownModel, modelChoices, type ModelChoice, type Usage } from './pricing.js';
export { ownerSkillTurn } from './skills.js';
export { thinkingSupport, effortSupported, EFFORT_LEVELS, DEFAULT_THINKING_BUDGET, MIN_THINKING_BUDGET, type Effort, type ThinkingSetting } from './thinking.js';
