// Where setting values come from: the preferences file, the environment and command-line flags.
// Each source becomes a ConfigLayer; shared/config.ts validates and merges them.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { ConfigError, systemErrorCode } from './errors.js';
import { PreferencesSchema, type ConfigLayer, type Preferences, type SettingKey } from './config.js';

export const PREFERENCES_FILE = 'preferences.json';

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

/** Reads the preferences file; a missing file is an empty layer, a broken one a clear error. */
export function preferencesLayer(dataDir: string): ConfigLayer {
  const path = join(dataDir, PREFERENCES_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes(systemErrorCode(error) ?? '')) return { name: 'preferences', values: {}, describe: () => `preferences file ${path}` };
    throw new ConfigError('CONFIG_UNREADABLE', `Cannot read the preferences file ${path} (${systemErrorCode(error) ?? 'error'}).`, {
      hint: 'Check its permissions.',
    });
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `The preferences file ${path} is not valid JSON (${(error as Error).message}).`, {
      hint: 'Fix it or move it away to start from the defaults; nothing else is affected.',
    });
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ConfigError('CONFIG_UNREADABLE', `The preferences file ${path} must hold a JSON object.`, {
      hint: 'Fix it or move it away to start from the defaults.',
    });
  }
  return { name: 'preferences', values: values as Partial<Record<SettingKey, unknown>>, describe: () => `preferences file ${path}` };
}

/** Validates and writes preferences atomically (temp file + rename), so a crash never leaves half a file. */
export function writePreferences(dataDir: string, preferences: Preferences): void {
  const parsed = PreferencesSchema.strict().parse(preferences);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, PREFERENCES_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(parsed, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function resolvePath(p: string, cwd = process.cwd()): string {
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return resolve(cwd, p);
}
