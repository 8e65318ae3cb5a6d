// Builds the effective Settings from defaults < preferences file < environment < flags.
import { mkdirSync } from 'node:fs';
import { defaultSettings, resolveSettings, type Settings, type SettingKey } from '../shared/config.js';
import { defaultDataDir, defaultsLayer, environmentLayer, flagsLayer, preferencesLayer, resolvePath } from '../shared/config-sources.js';
import { flagName } from '../shared/cli-args.js';
import { DaemonError, systemErrorCode } from '../shared/errors.js';

export function loadSettings(flags: Partial<Record<SettingKey, unknown>>, env: NodeJS.ProcessEnv): Settings {
  const envLayer = environmentLayer(env);
  // The data folder decides where the preferences file is, so it is settled first.
  const rawDir = flags.dataDir ?? envLayer.values.dataDir;
  const dataDir = typeof rawDir === 'string' && rawDir !== '' ? resolvePath(rawDir) : defaultDataDir();
  if (envLayer.values.dataDir !== undefined) envLayer.values.dataDir = dataDir;
  return resolveSettings([defaultsLayer(defaultSettings(dataDir)), preferencesLayer(dataDir), envLayer, flagsLayer(flags, flagName)]);
}

/** Creates the data folder (0700) or explains why it cannot. */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DaemonError('DATA_DIR_UNWRITABLE', `Cannot create the data folder ${dataDir} (${systemErrorCode(error) ?? 'error'}).`, {
      hint: 'Pass a writable folder with --data-dir.',
    });
  }
}
