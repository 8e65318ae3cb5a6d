// Messages between the main process and an agent worker, checked with zod on both sides.
//
// main → worker (commands): start (config + transcript to resume from), user_turn, compact, approval_answer,
//   stop, set_mode, set_network, set_api_key, ping, shutdown, permit_grant (the main process's rate limiter answering) and
//   stored (the main process persisted the steps up to a tool_start: the tool may run now).
// worker → main (events): ready, turn_started, text_delta, stream_reset, tool_call, approval_request,
//   approval_resolved, thinking, tool_result, todos, background, usage, compacted, rule_added, hook_notice, step, turn_end, error,
//   log, pong — and internal ones the AgentWorker handle consumes itself: permit_request,
//   permit_cancel, rate_limit, process.
//
// The worker never touches the database: every `step` event is a record the main process
// persists in order; a transcript of those records is what `start` resumes from.
import { z } from 'zod';
import { PERMISSION_MODES } from '../shared/config.js';
import { APPROVAL_DECISIONS, type ApprovalDecision } from '../shared/api.js';
import { ApprovalSubjectSchema } from './approval-subject.js';
import { CommandHostEndpointSchema } from './command-host/protocol.js';
import { SandboxConfigSchema } from './sandbox/config.js';
import { UserBlockSchema } from './content.js';
import { UsageSchema } from './pricing.js';
import { StepSchema, TURN_END_REASONS } from './transcript.js';

const ruleList = z.array(z.string());

export const AgentConfigSchema = z.object({
  sessionId: z.string().min(1),
  /** The project folder; every file tool is confined to it (and to the added folders). */
  projectRoot: z.string().min(1),
  /** Folders the owner added to the project with /add-dir (real paths): usable without a question. */
  addedDirs: z.array(z.string().min(1)).optional(),
  model: z.string().min(1),
  permissionMode: z.enum(PERMISSION_MODES),
  /**
   * False when permissionMode is only the app's default (the owner chose no mode for this
   * project with /mode): then a settings file's `permissions.defaultMode` is used instead.
   */
  permissionModeFromOwner: z.boolean().optional(),
  /** The app's preference rules (Settings.allowRules/askRules/denyRules). */
  rules: z.object({ allow: ruleList, ask: ruleList, deny: ruleList }),
  /** "Allow for this session" rules given earlier (from rule_added events), kept across restarts. */
  sessionAllowRules: ruleList.default([]),
  apiKey: z.string().min(1),
  baseUrl: z.url().optional(),
  /** An approval nobody answers within this time counts as denied. */
  approvalTimeoutMs: z.number().int().positive(),
  /**
   * The first hex digit of every approval id this session gives (several computers on one
   * account: each computer's own digit, so "yes 4f2a" names one computer's approval only).
   */
  approvalIdPrefix: z.string().regex(/^[0-9a-f]$/).optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Override of the model's context window (tests use small ones). */
  contextWindow: z.number().int().positive().optional(),
  /** Compact when the input reaches this share of the window. */
  compactAtFraction: z.number().min(0.1).max(0.95).optional(),
  /** A stream that delivers no bytes (not even pings) for this long counts as cut. */
  streamIdleTimeoutMs: z.number().int().positive().optional(),
  /** Retries of 429/529/5xx/connection errors per request (the limiter spaces them). */
  maxRetries: z.number().int().min(0).max(20).optional(),
  maxRequestsPerTurn: z.number().int().positive().optional(),
  bashDefaultTimeoutMs: z.number().int().positive().optional(),
  bashMaxTimeoutMs: z.number().int().positive().optional(),
  bashOutputCapChars: z.number().int().min(100).optional(),
  /** Extended thinking (/think): "on" (adaptive where the model has it) or a budget in tokens; absent: off. */
  thinking: z.union([z.literal('on'), z.number().int().min(1024).max(128_000)]).optional(),
  /** How hard Claude works at an answer (/effort), sent where the model takes it; absent: the API's default. */
  effort: z.enum(['low', 'medium', 'high']).optional(),
  /** Anthropic's web search is offered (/websearch on); it runs on Anthropic's side and is billed per search. */
  webSearch: z.boolean().optional(),
  /** Extra instructions appended to the system prompt. */
  systemPromptAppend: z.string().optional(),
  /** The owner's home folder, for ~/.claude/CLAUDE.md and `~/` imports (default: os.homedir(); tests use a temp folder). */
  homeDir: z.string().min(1).optional(),
  /** Session start time (ms); fixed per session so the system prompt stays cacheable. */
  startedAt: z.number().optional(),
  /** Where Bash commands are started (command-host/); without it they start in the worker. */
  commandHost: CommandHostEndpointSchema.optional(),
  /** How Bash commands are confined (sandbox/config.ts); absent: the defaults (on, no network). */
  sandbox: SandboxConfigSchema.optional(),
});
export type AgentConfig = z.input<typeof AgentConfigSchema>;
export type ResolvedAgentConfig = z.output<typeof AgentConfigSchema>;

// The one decision vocabulary of the app (shared/api.ts): the phone, the UI and the worker speak it.
export const ApprovalDecisionSchema = z.enum(APPROVAL_DECISIONS);
export type { ApprovalDecision };

export const WorkerCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    config: AgentConfigSchema,
    transcript: z.array(StepSchema),
    /** Continue a turn the transcript stopped in the middle of (after a crash). */
    continueInterrupted: z.boolean(),
  }),
  z.object({ type: z.literal('user_turn'), turnId: z.string().min(1), content: z.array(UserBlockSchema).min(1) }),
  /** The owner's /compact: a turn that summarizes the conversation now, with their instructions for the summary. */
  z.object({ type: z.literal('compact'), turnId: z.string().min(1), instructions: z.string().max(4000).optional() }),
  z.object({
    type: z.literal('approval_answer'),
    approvalId: z.string().min(1),
    decision: ApprovalDecisionSchema,
    /** Shown to the model with a denial ("use pnpm instead"). */
    reason: z.string().optional(),
  }),
  /** Cancels the running turn (and any queued ones) within a second. */
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('set_mode'), mode: z.enum(PERMISSION_MODES) }),
  /** The owner's /net on|off: whether the next sandboxed commands may use the network. */
  z.object({ type: z.literal('set_network'), network: z.boolean() }),
  /** The owner set another Anthropic key: the next request uses it (a running one ends on the old). */
  z.object({ type: z.literal('set_api_key'), apiKey: z.string() }), // '' : the owner removed it
  z.object({ type: z.literal('permit_grant'), requestId: z.number().int() }),
  z.object({ type: z.literal('ping'), nonce: z.number().int() }),
  z.object({ type: z.literal('shutdown') }),
  /**
   * Every step up to `seq` is stored. Sent after a tool_start step; the worker runs the tool only
   * then (write-ahead), so after a crash a call that may have run is reported as interrupted
   * instead of being run a second time.
   */
  z.object({ type: z.literal('stored'), seq: z.number().int() }),
]);
export type WorkerCommand = z.infer<typeof WorkerCommandSchema>;

const turn = { turnId: z.string() };
export const ToolPreviewLength = 600;

/**
 * The session rule a `rule_added` event carries when the owner confirmed an added folder
 * (additionalDirectories): kept with the session, and given to later sessions of the project,
 * so the owner is asked once per project.
 */
export const folderConfirmationRule = (path: string): string => `AddDir(${path})`;

export const isFolderConfirmationRule = (rule: string): boolean => rule.startsWith('AddDir(') && rule.endsWith(')');

/** How the session rule confirming a project hook starts (worker/hooks/hook-config.ts makes it). */
export const HOOK_RULE_PREFIX = 'Hook(';

/**
 * A session rule that is a permission rule the owner gave with "always" (`Bash(npm test)`), not
 * a confirmation the session keeps for an added folder (`AddDir(…)`) or a project hook (`Hook(…)`).
 */
export const isOwnersAlwaysRule = (rule: string): boolean => !isFolderConfirmationRule(rule) && !rule.startsWith(HOOK_RULE_PREFIX);

const AddedFolderStatusSchema = z.object({ path: z.string(), source: z.string(), confirmed: z.boolean() });
export type AddedFolderStatus = z.infer<typeof AddedFolderStatusSchema>;

export const WorkerEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    sessionId: z.string(),
    lastSeq: z.number().int(),
    /** The turn being continued after a restart, if any. */
    resumingTurnId: z.string().optional(),
    warnings: z.array(z.string()),
    /** The mode a settings file's defaultMode chose (absent: the config's mode is in effect). */
    modeFromSettings: z.object({ mode: z.enum(PERMISSION_MODES), source: z.string() }).optional(),
    /** The settings' additionalDirectories, and whether each is confirmed (for /status). */
    addedFolders: z.array(AddedFolderStatusSchema).optional(),
  }),
  z.object({ type: z.literal('turn_started'), ...turn, resumed: z.boolean() }),
  z.object({ type: z.literal('text_delta'), ...turn, text: z.string() }),
  /** Claude started thinking (extended thinking); its text stays in the transcript, never shown as a message. */
  z.object({ type: z.literal('thinking'), ...turn }),
  /** Text streamed since the last committed step is void (the request is being retried). */
  z.object({ type: z.literal('stream_reset'), ...turn, reason: z.string() }),
  z.object({ type: z.literal('tool_call'), ...turn, toolUseId: z.string(), name: z.string(), input: z.record(z.string(), z.unknown()) }),
  z.object({
    type: z.literal('approval_request'),
    ...turn,
    /** Short hex id for the reply ("yes 4f2a"); unique among this worker's open requests. */
    approvalId: z.string(),
    toolUseId: z.string(),
    tool: z.string(),
    summary: z.string(),
    reason: z.string(),
    /** The rule an "allow for this session" answer adds. */
    sessionRule: z.string(),
    expiresAt: z.number(),
    /** What the call would do (the change, the command, the URL), when the tool can say. */
    subject: ApprovalSubjectSchema.optional(),
    /** Claude's text just before the call: why it wants to make it. */
    intent: z.string().optional(),
  }),
  z.object({
    type: z.literal('approval_resolved'),
    approvalId: z.string(),
    decision: ApprovalDecisionSchema,
    by: z.enum(['owner', 'timeout', 'cancelled']),
  }),
  z.object({
    type: z.literal('tool_result'),
    ...turn,
    toolUseId: z.string(),
    name: z.string(),
    isError: z.boolean(),
    outcome: z.enum(['ran', 'denied', 'interrupted', 'cancelled', 'invalid']),
    /** The start of the output, for progress display. */
    preview: z.string(),
    changedFiles: z.array(z.string()),
  }),
  z.object({
    type: z.literal('todos'),
    ...turn,
    todos: z.array(z.object({ content: z.string(), status: z.enum(['pending', 'in_progress', 'completed']), activeForm: z.string().optional() })),
  }),
  z.object({
    type: z.literal('usage'),
    ...turn,
    model: z.string(),
    usage: UsageSchema,
    costUsd: z.number().nullable(),
    /** What the context holds now (input incl. cache + output of this request). */
    contextTokens: z.number(),
    purpose: z.enum(['turn', 'summary']),
  }),
  z.object({ type: z.literal('compacted'), ...turn, summarizedSteps: z.number().int(), tokensBefore: z.number(), tokensAfter: z.number().optional(), requested: z.boolean().optional() }),
  z.object({ type: z.literal('rule_added'), rule: z.string() }),
  /** A hook failed, timed out, was refused, or has something to tell the owner (one progress line). */
  z.object({
    type: z.literal('hook_notice'),
    turnId: z.string().optional(),
    event: z.string(),
    command: z.string(),
    kind: z.enum(['failed', 'timeout', 'bad-output', 'not-started', 'message', 'refused', 'blocked-prompt', 'stopped']),
    detail: z.string(),
  }),
  z.object({ type: z.literal('step'), step: StepSchema }),
  z.object({
    type: z.literal('turn_end'),
    ...turn,
    reason: z.enum(TURN_END_REASONS),
    text: z.string(),
    usage: UsageSchema,
    costUsd: z.number().nullable(),
    error: z.string().optional(),
  }),
  z.object({
    type: z.literal('error'),
    turnId: z.string().optional(),
    code: z.string(),
    message: z.string(),
    /** True while the worker is still retrying (a notice), false when it gave up. */
    retrying: z.boolean(),
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    msg: z.string(),
    fields: z.record(z.string(), z.unknown()).optional(),
  }),
  /** The commands started with run_in_background that are still running (sent on every change). */
  z.object({
    type: z.literal('background'),
    shells: z.array(z.object({ id: z.string(), command: z.string(), startedAt: z.number() })).max(64),
  }),
  z.object({ type: z.literal('pong'), nonce: z.number().int(), busy: z.boolean(), heapUsed: z.number() }),
  // Internal: consumed by the AgentWorker handle.
  z.object({ type: z.literal('permit_request'), requestId: z.number().int(), estimatedInputTokens: z.number() }),
  z.object({ type: z.literal('permit_cancel'), requestId: z.number().int() }),
  z.object({
    type: z.literal('rate_limit'),
    status: z.number().int().optional(),
    headers: z.record(z.string(), z.string()),
    retryAfterMs: z.number().optional(),
  }),
  z.object({ type: z.literal('process'), pid: z.number().int(), state: z.enum(['started', 'ended']) }),
]);
export type WorkerEvent = z.infer<typeof WorkerEventSchema>;
export type WorkerEventOf<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

/** Events the sessions layer sees (the internal ones are handled by AgentWorker). */
export type AgentEvent = Exclude<WorkerEvent, { type: 'permit_request' | 'permit_cancel' | 'rate_limit' | 'process' | 'log' }>;
export const INTERNAL_EVENT_TYPES = new Set(['permit_request', 'permit_cancel', 'rate_limit', 'process', 'log']);
