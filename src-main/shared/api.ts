// The one contract between the backend and the renderer. Served by HTTP + server-sent events
// (headless, see src-main/host/http-server.ts) and by IPC (Electron preload). This file is
// imported by the renderer too, so it may import nothing but zod and the settings schema
// (shared/config.ts, itself zod-only: the renderer type-check fails if that ever changes).
import { z } from 'zod';
import { PERMISSION_MODES, PreferencesSchema, SettingsSchema, PREFERENCE_KEYS } from './config.js';

// The renderer validates the preferences form with the same schema the daemon applies.
export { APPEARANCES, CHAT_MODES, DEFAULT_MODEL, PERMISSION_MODES, PreferencesSchema, type Preferences } from './config.js';

export const SIGNAL_STATES = ['unlinked', 'linking', 'connecting', 'connected', 'disconnected', 'unlinked-by-phone'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const SESSION_STATES = [
  'idle', 'initializing', 'active', 'suspended', 'resuming', 'crashed', 'recovering', 'terminating', 'terminated',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** 'idle': stopped on purpose while not needed (the command host between commands), not down. */
export const SERVICE_STATES = ['stopped', 'starting', 'running', 'stopping', 'failed', 'idle'] as const;
export const ServiceHealthSchema = z.object({
  state: z.enum(SERVICE_STATES),
  detail: z.string().optional(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

export const SignalStatusSchema = z.object({
  state: z.enum(SIGNAL_STATES),
  /** Set once linked: who this computer is linked as. */
  account: z
    .object({
      aci: z.string(),
      deviceId: z.number().int(),
      deviceName: z.string().optional(),
      /** The owner's number, shortened for display (e.g. "+…42"). */
      numberHint: z.string().optional(),
    })
    .optional(),
  lastError: z.string().optional(),
  /** Identity-key changes waiting for the owner to confirm in the app. */
  identityChanges: z.number().int().default(0),
  /**
   * Messages from other conversations (the owner's chats with others, strangers writing in) that
   * were decrypted and dropped without being stored, since the app started.
   */
  droppedOtherConversations: z.number().int().default(0),
  /**
   * Signal holds replies back until a captcha is solved (a 428 on a send): the page to solve it
   * on and the sentence for the owner. The solved value goes to POST /api/signal/captcha.
   */
  challenge: z.object({ captchaUrl: z.string(), message: z.string() }).optional(),
});
export type SignalStatus = z.infer<typeof SignalStatusSchema>;

export const HEALTH_PROBLEMS = [
  'signal-unlinked', 'signal-unreachable', 'anthropic-key-missing', 'anthropic-key-rejected', 'outbox-stuck', 'undelivered', 'disk-nearly-full', 'command-host-down',
] as const;
export const HealthProblemSchema = z.object({
  code: z.enum(HEALTH_PROBLEMS),
  /** One sentence for the owner: what is wrong and what to do. */
  message: z.string(),
});
export type HealthProblem = z.infer<typeof HealthProblemSchema>;

export const HealthSchema = z.object({
  /** False ("degraded") when the store or a service is not right, or any problem is listed. */
  ok: z.boolean(),
  /** Why the app cannot do its job fully now, most important first. */
  problems: z.array(HealthProblemSchema).default([]),
  uptimeMs: z.number(),
  store: z.object({ ok: z.boolean(), schemaVersion: z.number().int(), detail: z.string().optional() }),
  services: z.record(z.string(), ServiceHealthSchema),
});
export type Health = z.infer<typeof HealthSchema>;

export const StatusSchema = z.object({
  app: z.object({ name: z.literal('signal-claude'), version: z.string(), pid: z.number().int(), startedAt: z.string(), headless: z.boolean() }),
  signal: SignalStatusSchema,
  health: HealthSchema,
  sessions: z.object({ total: z.number().int(), active: z.number().int(), crashed: z.number().int() }),
  pendingApprovals: z.number().int(),
});
export type Status = z.infer<typeof StatusSchema>;

export const PairingSchema = z.object({
  /** The sgnl://linkdevice URL of the provisioning socket open now; null when not linking. */
  url: z.string().nullable(),
  state: z.enum(SIGNAL_STATES),
  /** When the current URL stops working (it is renewed before then). */
  expiresAt: z.string().optional(),
  error: z.string().optional(),
});
export type Pairing = z.infer<typeof PairingSchema>;

/** What a call waiting for approval would do, as the app's approval card shows it. */
export const ApprovalDetailSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('change'),
    path: z.string(),
    /** Git-style unified diff of the change (secrets redacted); cut when `truncated`. */
    patch: z.string(),
    truncated: z.boolean(),
    added: z.number().int(),
    removed: z.number().int(),
    newFile: z.boolean(),
  }),
  z.object({ kind: z.literal('command'), command: z.string(), cwd: z.string(), sandboxed: z.boolean() }),
  z.object({ kind: z.literal('url'), url: z.string() }),
]);
export type ApprovalDetail = z.infer<typeof ApprovalDetailSchema>;

export const ApprovalSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  projectName: z.string(),
  tool: z.string(),
  /** One line for a human: "Bash npm install left-pad". */
  summary: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The sentence Claude wrote before the call: its reason. */
  intent: z.string().optional(),
  detail: ApprovalDetailSchema.optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** What a running turn is doing now: thinking (waiting for the model), writing, running a tool, or waiting for the owner. */
export const TURN_PHASES = ['thinking', 'writing', 'tool', 'approval'] as const;
export type TurnPhase = (typeof TURN_PHASES)[number];

/** The running turn, live: what the session view shows above the transcript while Claude works. */
export const TurnProgressSchema = z.object({
  turnId: z.string(),
  startedAt: z.string(),
  phase: z.enum(TURN_PHASES),
  /** Tool calls made so far in this turn (the phone's "✅ Done · N steps"). */
  steps: z.number().int(),
  /** The tool running or waiting for approval, as one line ("🔧 Bash npm test"); redacted. */
  tool: z.object({ name: z.string(), line: z.string(), startedAt: z.string() }).optional(),
  /** The turn was cut by a restart of the app and continues. */
  resumed: z.boolean(),
});
export type TurnProgress = z.infer<typeof TurnProgressSchema>;

export const SessionSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  projectPath: z.string(),
  state: z.enum(SESSION_STATES),
  model: z.string(),
  permissionMode: z.string(),
  lastActivityAt: z.string().nullable(),
  costUsd: z.number(),
  crash: z.object({ reason: z.string(), at: z.string(), count: z.number().int() }).optional(),
  pendingApprovals: z.array(ApprovalSchema),
  /** Permission rules the owner answered "always" to in this session: allowed without asking until /new. */
  allowedForSession: z.array(z.string()),
  /** Set while a turn runs. */
  turn: TurnProgressSchema.optional(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const TranscriptEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['user', 'assistant', 'tool-call', 'tool-result', 'notice', 'error']),
  text: z.string(),
  tool: z.string().optional(),
  isError: z.boolean().optional(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export const APPROVAL_DECISIONS = ['once', 'always', 'deny'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** Where the Anthropic key in effect comes from. The key itself never crosses the contract. */
export const AnthropicKeyStatusSchema = z.object({
  set: z.boolean(),
  /** The last four characters, for "set, ends in …x7Qa"; nothing more is ever sent. */
  last4: z.string().max(4).optional(),
  /** app: stored encrypted by the app; environment: ANTHROPIC_API_KEY wins over the stored one. */
  source: z.enum(['app', 'environment', 'none']),
});
export type AnthropicKeyStatus = z.infer<typeof AnthropicKeyStatusSchema>;

/** Every preference with its value (file over defaults): what the preferences window edits. */
export const PreferenceValuesSchema = SettingsSchema.pick(
  Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, true])) as { [K in (typeof PREFERENCE_KEYS)[number]]: true },
);
export type PreferenceValues = z.infer<typeof PreferenceValuesSchema>;

export const PreferencesViewSchema = z.object({
  values: PreferenceValuesSchema,
  /** Preferences an environment variable or a flag sets for this run (they win over the file): key → value in effect. */
  overridden: z.record(z.string(), z.unknown()),
  anthropicKey: AnthropicKeyStatusSchema,
  /** The file the preferences are saved in, to show where they live. */
  file: z.string(),
});
export type PreferencesView = z.infer<typeof PreferencesViewSchema>;

/** A contact whose safety number changed; messages from them wait until the owner confirms. */
export const IdentityChangeSchema = z.object({
  id: z.string(),
  /** A name or shortened number for display. */
  who: z.string(),
  at: z.string(),
});
export type IdentityChange = z.infer<typeof IdentityChangeSchema>;

/** A registered project as Preferences lists it (read-only: projects are added from the phone with /add). */
export const ProjectViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  /** The project's own model; null: the app's default model. */
  model: z.string().nullable(),
  /** The project's own permission mode; null: the app's default. */
  permissionMode: z.enum(PERMISSION_MODES).nullable(),
  createdAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectViewSchema>;

/** What removing a project (as /forget <project> on the phone) did. The folder is never touched. */
export const RemovedProjectSchema = z.object({
  name: z.string(),
  history: z.enum(['keep', 'delete']),
  /** A turn was running (or waiting for an approval) and was stopped. */
  stoppedTurn: z.boolean(),
  /** Waiting instructions dropped, and waiting approvals cancelled. */
  droppedTurns: z.number().int().nonnegative(),
  cancelledApprovals: z.number().int().nonnegative(),
});
export type RemovedProject = z.infer<typeof RemovedProjectSchema>;

/** A computer on the Signal account that runs this app (issue 16): this one first, read-only. */
export const ComputerViewSchema = z.object({
  name: z.string(),
  /** Its device id on the account; null while this computer is not linked. */
  device: z.number().int().nullable(),
  self: z.boolean(),
  /** "unlinked": the server no longer has that device; nothing is sent there. */
  state: z.enum(['this-computer', 'linked', 'unlinked']),
  /** When its last message arrived here (ISO); null for this computer. */
  lastSeen: z.string().nullable(),
  projects: z.array(z.string()),
  /** Another linked computer has the same name (then @name reaches neither). */
  sameName: z.boolean(),
});
export type ComputerView = z.infer<typeof ComputerViewSchema>;

/** A model the owner can pick (/model, Preferences), priced per million tokens. */
export const ModelChoiceSchema = z.object({ id: z.string(), inputUsd: z.number(), outputUsd: z.number() });
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

/**
 * `npm run demo` only: one message in the simulated phone's Note to Self, as the phone shows it
 * (the latest edit applied). from "owner": typed in the DEMO panel; "computer": sent by the app.
 */
export const DemoPhoneMessageSchema = z.object({
  id: z.string(),
  from: z.enum(['owner', 'computer']),
  body: z.string(),
  at: z.string(),
  /** The phone rang for it (final answers, approval requests, crashes). */
  notified: z.boolean(),
  edited: z.boolean(),
});
export type DemoPhoneMessage = z.infer<typeof DemoPhoneMessageSchema>;

/** Server-sent events on GET /api/events (and the IPC "event" channel). */
export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: StatusSchema }),
  z.object({ type: z.literal('pairing'), pairing: PairingSchema }),
  z.object({ type: z.literal('session'), session: SessionSummarySchema }),
  z.object({ type: z.literal('session-removed'), sessionId: z.string() }),
  z.object({ type: z.literal('transcript'), sessionId: z.string(), entry: TranscriptEntrySchema }),
  z.object({ type: z.literal('text-delta'), sessionId: z.string(), text: z.string() }),
  /** The running turn changed phase or tool; `turn: null` when it ended. */
  z.object({ type: z.literal('turn-progress'), sessionId: z.string(), turn: TurnProgressSchema.nullable() }),
  z.object({ type: z.literal('preferences'), preferences: PreferencesViewSchema }),
  /** What this computer knows of the account's computers changed (one seen, renamed, unlinked). */
  z.object({ type: z.literal('computers'), computers: z.array(ComputerViewSchema) }),
  /** Only while `npm run demo` runs: what the simulated phone shows now (the newest messages). */
  z.object({ type: z.literal('demo-phone'), messages: z.array(DemoPhoneMessageSchema) }),
]);
export type ApiEvent = z.infer<typeof ApiEventSchema>;

export const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const Empty = z.object({}).strict();
const ById = z.object({ id: z.string().min(1).max(200) }).strict();
const Ok = z.object({ ok: z.literal(true) });
/** An API key as pasted: no spaces inside, long enough that its last four characters give nothing away. */
export const AnthropicKeyInputSchema = z
  .string()
  .trim()
  .min(8, 'at least 8 characters')
  .max(500, 'at most 500 characters')
  .regex(/^\S+$/, 'no spaces inside the key');

/**
 * Every request the renderer can make. `path` params (":id") are filled from the request object
 * of the same name. IPC uses the key as the channel name.
 */
export const API_ROUTES = {
  status: { method: 'GET', path: '/api/status', request: Empty, response: StatusSchema },
  pairing: { method: 'GET', path: '/api/pairing', request: Empty, response: PairingSchema },
  sessions: { method: 'GET', path: '/api/sessions', request: Empty, response: z.object({ sessions: z.array(SessionSummarySchema) }) },
  health: { method: 'GET', path: '/api/health', request: Empty, response: HealthSchema },
  session: { method: 'GET', path: '/api/sessions/:id', request: ById, response: SessionSummarySchema },
  sessionTranscript: {
    method: 'GET',
    path: '/api/sessions/:id/transcript',
    request: ById,
    response: z.object({ entries: z.array(TranscriptEntrySchema) }),
  },
  sessionStop: { method: 'POST', path: '/api/sessions/:id/stop', request: ById, response: SessionSummarySchema },
  sessionRestart: { method: 'POST', path: '/api/sessions/:id/restart', request: ById, response: SessionSummarySchema },
  approvalAnswer: {
    method: 'POST',
    path: '/api/approvals/:id',
    request: z
      .object({
        id: z.string().min(1).max(200),
        decision: z.enum(APPROVAL_DECISIONS),
        /** Shown to Claude with the answer ("use pnpm instead"). */
        reason: z.string().trim().max(1000).optional(),
      })
      .strict(),
    response: Ok,
  },
  /** Opens a provisioning socket (unlinking nothing): the URL then arrives as "pairing" events. */
  pairingStart: { method: 'POST', path: '/api/pairing/start', request: Empty, response: PairingSchema },
  identityChanges: { method: 'GET', path: '/api/identity-changes', request: Empty, response: z.object({ changes: z.array(IdentityChangeSchema) }) },
  identityConfirm: { method: 'POST', path: '/api/identity-changes/:id/confirm', request: ById, response: Ok },
  /** Answers Signal's send challenge with a solved captcha (the signalcaptcha:// link); held replies go out at once. */
  signalCaptcha: {
    method: 'POST',
    path: '/api/signal/captcha',
    request: z.object({ captcha: z.string().trim().min(1, 'paste the signalcaptcha:// link').max(8000) }).strict(),
    response: Ok,
  },
  preferences: { method: 'GET', path: '/api/preferences', request: Empty, response: PreferencesViewSchema },
  /** Saves the given preferences (the others keep their value); validated by the settings schema. */
  preferencesUpdate: { method: 'PUT', path: '/api/preferences', request: PreferencesSchema.strict(), response: PreferencesViewSchema },
  anthropicKeySet: {
    method: 'PUT',
    path: '/api/anthropic-key',
    request: z.object({ key: AnthropicKeyInputSchema }).strict(),
    response: AnthropicKeyStatusSchema,
  },
  /** First run: the key is checked with one cheap call at the configured endpoint and saved only if accepted. */
  anthropicKeyCheck: {
    method: 'POST',
    path: '/api/anthropic-key/check',
    request: z.object({ key: AnthropicKeyInputSchema }).strict(),
    response: AnthropicKeyStatusSchema,
  },
  anthropicKeyClear: { method: 'DELETE', path: '/api/anthropic-key', request: Empty, response: AnthropicKeyStatusSchema },
  projects: { method: 'GET', path: '/api/projects', request: Empty, response: z.object({ projects: z.array(ProjectViewSchema) }) },
  /** Removes a project as /forget <project> does: its sessions end, its history is kept or deleted. */
  projectRemove: {
    method: 'DELETE',
    path: '/api/projects/:id',
    request: z.object({ id: z.string().min(1).max(200), history: z.enum(['keep', 'delete']) }).strict(),
    response: RemovedProjectSchema,
  },
  /** The computers on the account that run this app, this one first (read-only). */
  computers: { method: 'GET', path: '/api/computers', request: Empty, response: z.object({ computers: z.array(ComputerViewSchema) }) },
  /** The models to pick from, with prices (the same list /model shows on the phone). */
  models: { method: 'GET', path: '/api/models', request: Empty, response: z.object({ models: z.array(ModelChoiceSchema) }) },
  /** `npm run demo` only (API_NOT_FOUND otherwise): the simulated phone's Note to Self. */
  demoPhone: { method: 'GET', path: '/api/demo/phone', request: Empty, response: z.object({ messages: z.array(DemoPhoneMessageSchema) }) },
  /** `npm run demo` only: the simulated phone writes to Note to Self, through Signal's mock server. */
  demoPhoneSay: {
    method: 'POST',
    path: '/api/demo/phone',
    request: z.object({ text: z.string().trim().min(1, 'type a message').max(4000) }).strict(),
    response: Ok,
  },
  /** Stops the app (headless: the daemon, as SIGTERM would). Answered before it stops. */
  quit: { method: 'POST', path: '/api/quit', request: Empty, response: Ok },
} as const;

/** What an IPC call answers: errors cross IPC as data, since Electron keeps only an Error's message. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody['error'] };

/** Windows the desktop shell can open; headless, the page shows the same views itself. */
export const AppViewSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('popover') }).strict(),
  z.object({ view: z.literal('pairing') }).strict(),
  z.object({ view: z.literal('preferences') }).strict(),
  z.object({ view: z.literal('session'), id: z.string().min(1).max(200) }).strict(),
]);
export type AppView = z.infer<typeof AppViewSchema>;

/**
 * What the Electron preload exposes as window.signalClaude: one named function per route (each
 * its own IPC channel), the event stream, and opening the app's own windows. Nothing else.
 */
export type DesktopBridge = {
  readonly api: { readonly [K in ApiRouteName]: (request: ApiRequest<K>) => Promise<IpcResult<ApiResponse<K>>> };
  onEvent(listener: (event: unknown) => void): () => void;
  openView(view: AppView): Promise<void>;
};

export type ApiRoutes = typeof API_ROUTES;
export type ApiRouteName = keyof ApiRoutes;
export type ApiRequest<K extends ApiRouteName> = z.input<ApiRoutes[K]['request']>;
export type ApiResponse<K extends ApiRouteName> = z.output<ApiRoutes[K]['response']>;

/** The bridge the renderer sees (window.signalClaude in Electron, an HTTP client headless). */
export interface ApiClient {
  call<K extends ApiRouteName>(route: K, request: ApiRequest<K>): Promise<ApiResponse<K>>;
  subscribe(onEvent: (event: ApiEvent) => void): () => void;
}

/** Fills ":name" segments of a route path from the request. */
export function routePath(path: string, request: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(String(request[name] ?? '')));
}
