// The one settings schema and its layering: defaults < preferences file < environment < flags.
// Each layer is validated on its own first so that a bad value is reported with the layer it
// came from ("--port", "SIGNAL_CLAUDE_PORT", "preferences file …/preferences.json").
import { z } from 'zod';
import { ConfigError } from './errors.js';

export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'bypassPermissions'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];
export const CHAT_MODES = ['note-to-self', 'bot'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const APPEARANCES = ['system', 'light', 'dark'] as const;

const permissionRule = z.string().regex(/^[A-Za-z]+(\(.+\))?$/, 'a rule such as Bash(npm test:*) or Edit(src/**)');

/**
 * How much of a project's work reaches the phone (/notify): all (progress messages, and the
 * answer and approvals ring), done (no progress messages), needs-me (only approvals ring; the
 * answer arrives silently), off (nothing rings). The answer itself always arrives.
 */
export const NOTIFY_LEVELS = ['all', 'done', 'needs-me', 'off'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export const NotificationsSchema = z.object({
  finalAnswers: z.boolean(),
  approvals: z.boolean(),
  crashes: z.boolean(),
});

export const SettingsSchema = z.object({
  /** Where the database, key file, log and preferences live. */
  dataDir: z.string().min(1, 'a folder path'),
  /** Loopback port for the API and dashboard; 0 picks a free one. */
  port: z.number({ error: 'a whole number from 0 to 65535' }).int('a whole number from 0 to 65535').min(0).max(65535),
  /** JSON file describing a non-production Signal server (tests, self-hosting). */
  signalConfig: z.string().min(1).optional(),
  /** Folders under which `/add <path>` may register projects. */
  projectRoots: z.array(z.string().min(1)),
  logLevel: z.enum(LOG_LEVELS),
  /** Log message bodies too (off: bodies appear as "[N chars]"). */
  debugLogContent: z.boolean(),
  anthropicApiKey: z.string().min(1).optional(),
  anthropicBaseUrl: z.url({ error: 'an http(s) URL such as http://127.0.0.1:8080' }).optional(),
  model: z.string().min(1),
  permissionMode: z.enum(PERMISSION_MODES),
  allowRules: z.array(permissionRule),
  askRules: z.array(permissionRule),
  denyRules: z.array(permissionRule),
  /** Seconds an approval request waits for the owner before it counts as denied. */
  approvalTimeoutSec: z.number().int().min(10).max(7 * 24 * 3600),
  /** note-to-self: only the owner's own account speaks. bot: the listed accounts write to this one. */
  chatMode: z.enum(CHAT_MODES),
  /** In bot mode: ACIs (UUIDs) or E.164 numbers allowed to give instructions. */
  allowlist: z.array(z.string().min(1)),
  deviceName: z.string().min(1).max(50),
  notifications: NotificationsSchema,
  launchAtLogin: z.boolean(),
  keepAwake: z.boolean(),
  appearance: z.enum(APPEARANCES),
  /** Claude Code's sandbox.enabled: Bash runs in the OS sandbox (bwrap, Seatbelt) where one works. */
  sandboxEnabled: z.boolean(),
  /** Where commands run unsandboxed: ask the owner for every one (off: the permission mode decides). */
  sandboxAskWhenUnsandboxed: z.boolean(),
  /** Claude Code's sandbox.excludedCommands: run outside the sandbox, each only with approval. */
  sandboxExcludedCommands: z.array(z.string().min(1)),
  /** The command host starts with the first command and stops after this many quiet seconds; 0 keeps it running from start-up on. */
  commandHostIdleSec: z.number().int('a whole number of seconds').min(0).max(7 * 24 * 3600),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

/** What the preferences file (and the preferences window) may set: no paths to data, no secrets. */
export const PREFERENCE_KEYS = [
  'port', 'signalConfig', 'projectRoots', 'logLevel', 'debugLogContent', 'anthropicBaseUrl', 'model',
  'permissionMode', 'allowRules', 'askRules', 'denyRules', 'approvalTimeoutSec', 'chatMode', 'allowlist',
  'deviceName', 'notifications', 'launchAtLogin', 'keepAwake', 'appearance',
  'sandboxEnabled', 'sandboxAskWhenUnsandboxed', 'sandboxExcludedCommands',
] as const satisfies readonly SettingKey[];
export const PreferencesSchema = SettingsSchema.pick(Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, true])) as { [K in (typeof PREFERENCE_KEYS)[number]]: true }).partial();
export type Preferences = z.infer<typeof PreferencesSchema>;

// A current Sonnet-class model (claude-sonnet-4-5 reaches end of life on 2026-11-30).
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export function defaultSettings(dataDir: string): Settings {
  return {
    dataDir,
    port: 0,
    projectRoots: [],
    logLevel: 'info',
    debugLogContent: false,
    model: DEFAULT_MODEL,
    permissionMode: 'default',
    allowRules: [],
    askRules: [],
    denyRules: [],
    approvalTimeoutSec: 30 * 60,
    chatMode: 'note-to-self',
    allowlist: [],
    deviceName: 'Signal Claude',
    notifications: { finalAnswers: true, approvals: true, crashes: true },
    launchAtLogin: false,
    keepAwake: true,
    appearance: 'system',
    sandboxEnabled: true,
    sandboxAskWhenUnsandboxed: true,
    sandboxExcludedCommands: [],
    commandHostIdleSec: 10 * 60,
  };
}

/** One layer of raw values plus how to name each key's source in an error. */
export interface ConfigLayer {
  readonly name: 'defaults' | 'preferences' | 'environment' | 'flags';
  readonly values: Partial<Record<SettingKey, unknown>>;
  /** e.g. key "port" → "--port" or "SIGNAL_CLAUDE_PORT" or "preferences file /x/preferences.json". */
  readonly describe: (key: SettingKey) => string;
}

const LayerSchema = SettingsSchema.partial().strict();

export function resolveSettings(layers: readonly ConfigLayer[]): Settings {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    const parsed = LayerSchema.safeParse(layer.values);
    if (!parsed.success) throw configErrorFrom(parsed.error, layer);
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) merged[k] = v;
  }
  const full = SettingsSchema.safeParse(merged);
  if (!full.success) {
    const issue = full.error.issues[0];
    const key = String(issue?.path[0] ?? 'settings');
    throw new ConfigError('CONFIG_INVALID', `Setting "${key}" is missing or invalid: ${issue?.message ?? 'invalid'}.`);
  }
  return full.data;
}

function configErrorFrom(error: z.ZodError, layer: ConfigLayer): ConfigError {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '?';
    return new ConfigError('CONFIG_INVALID', `Unknown setting "${key}" in ${layer.describe(key as SettingKey)}.`, {
      hint: 'Remove it or check its spelling.',
    });
  }
  const key = String(issue?.path[0] ?? '?') as SettingKey;
  const sub = issue && issue.path.length > 1 ? ` (at ${issue.path.join('.')})` : '';
  const got = key in layer.values ? `, got ${JSON.stringify(layer.values[key])?.slice(0, 80)}` : '';
  return new ConfigError(
    'CONFIG_INVALID',
    `Invalid setting "${key}" from ${layer.describe(key)}${sub}: expected ${expected(issue)}${got}.`,
  );
}

function expected(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'a valid value';
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `${issue.expected === 'number' ? 'a number' : issue.message.startsWith('Invalid input') ? `a ${issue.expected}` : issue.message}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return issue.message.replace(/^Too (small|big): expected /, '').replace(/^Too (small|big)/, 'a value in range');
  return issue.message;
}
