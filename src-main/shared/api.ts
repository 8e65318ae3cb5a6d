// The one contract between the backend and the renderer. Served by HTTP + server-sent events
// (headless, see src-main/headless/http-server.ts) and by IPC (Electron preload). This file is
// imported by the renderer too, so it may import nothing but zod.
import { z } from 'zod';

export const SIGNAL_STATES = ['unlinked', 'linking', 'connecting', 'connected', 'disconnected', 'unlinked-by-phone'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const SESSION_STATES = [
  'idle', 'initializing', 'active', 'suspended', 'resuming', 'crashed', 'recovering', 'terminating', 'terminated',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const SERVICE_STATES = ['stopped', 'starting', 'running', 'stopping', 'failed'] as const;
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
});
export type SignalStatus = z.infer<typeof SignalStatusSchema>;

export const HealthSchema = z.object({
  ok: z.boolean(),
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

export const ApprovalSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  projectName: z.string(),
  tool: z.string(),
  /** One line for a human: "Bash npm install left-pad". */
  summary: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

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

/** Server-sent events on GET /api/events (and the IPC "event" channel). */
export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: StatusSchema }),
  z.object({ type: z.literal('pairing'), pairing: PairingSchema }),
  z.object({ type: z.literal('session'), session: SessionSummarySchema }),
  z.object({ type: z.literal('session-removed'), sessionId: z.string() }),
  z.object({ type: z.literal('transcript'), sessionId: z.string(), entry: TranscriptEntrySchema }),
  z.object({ type: z.literal('text-delta'), sessionId: z.string(), text: z.string() }),
]);
export type ApiEvent = z.infer<typeof ApiEventSchema>;

export const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const Empty = z.object({}).strict();

/**
 * Every request the renderer can make. `path` params (":id") are filled from the request object
 * of the same name. IPC uses the key as the channel name.
 */
export const API_ROUTES = {
  status: { method: 'GET', path: '/api/status', request: Empty, response: StatusSchema },
  pairing: { method: 'GET', path: '/api/pairing', request: Empty, response: PairingSchema },
  sessions: { method: 'GET', path: '/api/sessions', request: Empty, response: z.object({ sessions: z.array(SessionSummarySchema) }) },
} as const;

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
