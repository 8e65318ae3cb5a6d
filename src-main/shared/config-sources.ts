// Where setting values come from: the preferences file (through shared/preferences-store.ts),
// the environment and command-line flags. Each source becomes a ConfigLayer; shared/config.ts
// validates and merges them.
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { ConfigLayer, Preferences, SettingKey } from './config.js';
import { PREFERENCES_FILE, readPreferencesFile, writePreferencesFile } from './preferences-store.js';

/** The OS's app-data folder, the same one Electron's app.getPath('userData') gives for our name. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Signal Claude');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Signal Claude');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'signal-claude');
}

type EnvParser = (raw: string) => unknown;
const asNumber: EnvParser = (raw) => (raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw));
const asBoolean: EnvParser = (raw) => (/^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : raw);
const asString: EnvParser = (raw) => raw;
const asPathList: EnvParser = (raw) => raw.split(delimiter).filter(Boolean);
const asCommaList: EnvParser = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);

/** Environment variable → setting. SIGNAL_CLAUDE_* plus the Anthropic SDK's own names. */
export const ENV_SETTINGS: Readonly<Record<string, readonly [SettingKey, EnvParser]>> = {
  SIGNAL_CLAUDE_DATA_DIR: ['dataDir', asString],
  SIGNAL_CLAUDE_PORT: ['port', asNumber],
  SIGNAL_CLAUDE_SIGNAL_CONFIG: ['signalConfig', asString],
  SIGNAL_CLAUDE_PROJECT_ROOTS: ['projectRoots', asPathList],
  SIGNAL_CLAUDE_LOG_LEVEL: ['logLevel', asString],
  SIGNAL_CLAUDE_DEBUG_LOG_CONTENT: ['debugLogContent', asBoolean],
  SIGNAL_CLAUDE_MODEL: ['model', asString],
  SIGNAL_CLAUDE_PERMISSION_MODE: ['permissionMode', asString],
  SIGNAL_CLAUDE_APPROVAL_TIMEOUT_SEC: ['approvalTimeoutSec', asNumber],
  SIGNAL_CLAUDE_CHAT_MODE: ['chatMode', asString],
  SIGNAL_CLAUDE_ALLOWLIST: ['allowlist', asCommaList],
  SIGNAL_CLAUDE_DEVICE_NAME: ['deviceName', asString],
  SIGNAL_CLAUDE_COMMAND_HOST_IDLE_SEC: ['commandHostIdleSec', asNumber],
  ANTHROPIC_API_KEY: ['anthropicApiKey', asString],
  ANTHROPIC_BASE_URL: ['anthropicBaseUrl', asString],
};

export function environmentLayer(env: NodeJS.ProcessEnv): ConfigLayer {
  const values: Partial<Record<SettingKey, unknown>> = {};
  const names: Partial<Record<SettingKey, string>> = {};
  for (const [name, [key, parse]] of Object.entries(ENV_SETTINGS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    values[key] = parse(raw);
    names[key] = name;
  }
  return { name: 'environment', values, describe: (key) => `environment variable ${names[key] ?? key}` };
}

export function flagsLayer(values: Partial<Record<SettingKey, unknown>>, flagName: (key: SettingKey) => string): ConfigLayer {
  return { name: 'flags', values, describe: (key) => flagName(key) };
}

export function defaultsLayer(values: Partial<Record<SettingKey, unknown>>): ConfigLayer {
  return { name: 'defaults', values, describe: (key) => `the built-in default for ${key}` };
}

/** The preferences file as a layer; a missing file is an empty layer, a broken one a clear error. */
export function preferencesLayer(dataDir: string): ConfigLayer {
  const path = join(dataDir, PREFERENCES_FILE);
  const values = readPreferencesFile(dataDir) ?? {};
  return { name: 'preferences', values: values as Partial<Record<SettingKey, unknown>>, describe: () => `preferences file ${path}` };
}

/** Validates and writes preferences atomically (shared/preferences-store.ts). */
export function writePreferences(dataDir: string, preferences: Preferences): void {
  writePreferencesFile(dataDir, preferences);
}

export function resolvePath(p: string, cwd = process.cwd()): string {
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return resolve(cwd, p);
}
