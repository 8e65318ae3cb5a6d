// preferences.json in the data folder, read and written through `conf`: the Node core that
// electron-store is built on (same file, same format, same migrations), used directly because
// electron-store itself imports 'electron', which only src-main/electron/ may. So the Electron
// app and the headless CLI read and write one file in one way:
// - one schema: the zod PreferencesSchema (shared/config.ts) checks what is written, and the
//   settings layers check what is read (conf's own JSON-schema option is not used);
// - versioned migrations: conf records the file's version under "__internal__" and runs each
//   newer step of PREFERENCES_MIGRATIONS once, on the first read by a newer app;
// - atomic writes: conf writes through `atomically` (temp file, fsync, rename).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf, { type Options } from 'conf';
import { PreferencesSchema, type Preferences } from './config.js';
import { ConfigError, systemErrorCode } from './errors.js';

export const PREFERENCES_FILE = 'preferences.json';

type StoredPreferences = Record<string, unknown>;

/** The version this app writes; a file without one is version 1 (written before versioning). */
export const PREFERENCES_VERSION = '1.0.0';

/** Each step turns a file of the previous version into its own; a new shape adds one step and its test. */
export const PREFERENCES_MIGRATIONS: NonNullable<Options<StoredPreferences>['migrations']> = {
  // Version 1 is the flat object of preference keys the app has always written: nothing to change.
  '1.0.0': () => undefined,
};

/** conf's bookkeeping key; never a preference. */
const INTERNAL_KEY = '__internal__';

/**
 * The preference values in the file (unchecked: the settings layers check them and name the
 * file in their errors), or undefined when there is no file. Migrates an older file on the way.
 * A broken or unreadable file is a ConfigError.
 */
export function readPreferencesFile(dataDir: string): Record<string, unknown> | undefined {
  const path = join(dataDir, PREFERENCES_FILE);
  try {
    statSync(path);
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes(systemErrorCode(error) ?? '')) return undefined;
    throw unusable(path, 'read', error);
  }
  const { [INTERNAL_KEY]: _internal, ...values } = withStore(dataDir, 'read', (store) => store.store);
  return values;
}

/** Validates and writes preferences atomically, so a crash never leaves half a file. */
export function writePreferencesFile(dataDir: string, preferences: Preferences): void {
  const parsed = PreferencesSchema.strict().parse(preferences);
  // The data folder is private (0700); conf would create it with the default mode.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  withStore(dataDir, 'write', (store) => {
    store.store = parsed; // keeps the recorded version
  });
}

function withStore<T>(dataDir: string, doing: 'read' | 'write', use: (store: Conf<StoredPreferences>) => T): T {
  const path = join(dataDir, PREFERENCES_FILE);
  try {
    return use(
      new Conf<StoredPreferences>({
        cwd: dataDir,
        configName: 'preferences',
        fileExtension: 'json',
        projectVersion: PREFERENCES_VERSION,
        migrations: PREFERENCES_MIGRATIONS,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
        // The format the app has always written (conf's default indents with tabs).
        serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
        deserialize: (text) => parseObject(text, path),
      }),
    );
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw unusable(path, doing, error);
  }
}

function parseObject(text: string, path: string): StoredPreferences {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `The preferences file ${path} is not valid JSON (${(error as Error).message}).`, {
      hint: 'Fix it or move it away to start from the defaults; nothing else is affected.',
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('CONFIG_UNREADABLE', `The preferences file ${path} must hold a JSON object.`, {
      hint: 'Fix it or move it away to start from the defaults.',
    });
  }
  return value as StoredPreferences;
}

function unusable(path: string, doing: 'read' | 'write', error: unknown): ConfigError {
  const code = systemErrorCode(error);
  if (code) return new ConfigError('CONFIG_UNREADABLE', `Cannot ${doing} the preferences file ${path} (${code}).`, { hint: 'Check its permissions.' });
  return new ConfigError('CONFIG_UNREADABLE', `The preferences file ${path} cannot be used (${error instanceof Error ? error.message : String(error)}).`, {
    hint: 'Fix it or move it away to start from the defaults.',
  });
}
