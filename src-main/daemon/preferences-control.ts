// The preferences window's backend: reads and saves preferences.json and keeps the Anthropic key
// in the encrypted database. The key never leaves here except as its last four characters.
//
// One mechanism for both the Electron app and headless: the same preferences.json in the data
// folder, through shared/preferences-store.ts (conf, electron-store's Node core: versioned
// migrations, atomic writes) and checked by the one zod schema; the settings layering
// (defaults < file < environment < flags) reads the same file the same way.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PreferenceValuesSchema, type AnthropicKeyStatus, type PreferenceValues, type PreferencesView } from '../shared/api.js';
import { defaultSettings, PREFERENCE_KEYS, PreferencesSchema, type Preferences, type Settings } from '../shared/config.js';
import { preferencesLayer, resolvePath, writePreferences } from '../shared/config-sources.js';
import { PREFERENCES_FILE } from '../shared/preferences-store.js';
import { AppError, ConfigError } from '../shared/errors.js';
import { checkAnthropicKey, type KeyCheck } from '../agent/index.js';
import type { SecretsRepo } from '../store/secrets-repo.js';
import type { EventBus } from './event-bus.js';

export interface PreferencesControlOptions {
  readonly dataDir: string;
  /** The settings the process started with (environment and flags included). */
  readonly startup: Settings;
  readonly secrets: SecretsRepo;
  readonly events: EventBus;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;

export class PreferencesControl {
  private readonly dataDir: string;
  private readonly startup: Settings;
  private readonly secrets: SecretsRepo;
  private readonly events: EventBus;
  /** Keys the environment or a flag set at start-up: they keep winning over the file this run. */
  private readonly overridden: Partial<Settings>;
  private linkedName: () => string | undefined = () => undefined;

  constructor(options: PreferencesControlOptions) {
    this.dataDir = options.dataDir;
    this.startup = options.startup;
    this.secrets = options.secrets;
    this.events = options.events;
    const fromFile = this.values();
    const differing = PREFERENCE_KEYS.filter((key) => !isDeepStrictEqual(this.startup[key], fromFile[key]));
    this.overridden = Object.fromEntries(differing.map((key) => [key, this.startup[key]])) as Partial<Settings>;
  }

  /**
   * Once linked, the computer's name is the link's (renamed from the phone or here), whatever the
   * file or the environment said when it linked: the window shows that one.
   */
  showLinkedName(name: () => string | undefined): void {
    this.linkedName = name;
  }

  view(): PreferencesView {
    const linked = this.linkedName();
    const values = linked ? { ...this.values(), deviceName: linked } : this.values();
    const { deviceName: _named, ...others } = this.overridden;
    return { values, overridden: linked ? others : { ...this.overridden }, anthropicKey: this.keyStatus(), file: join(this.dataDir, PREFERENCES_FILE) };
  }

  /** The settings in effect now: defaults < file (as saved from the window) < start-up environment and flags. */
  effective(): Settings {
    return { ...this.startup, ...this.values(), ...this.overridden };
  }

  /** Saves the given preferences over the file's; the others keep their saved value. */
  update(patch: Preferences): PreferencesView {
    const normalized = normalize(patch);
    const merged = { ...this.fileValues(), ...normalized };
    writePreferences(this.dataDir, merged);
    return this.publish();
  }

  /** The key Claude sessions use: ANTHROPIC_API_KEY when set, else the one stored from the window. */
  anthropicApiKey(): string | undefined {
    return this.startup.anthropicApiKey ?? this.secrets.get('anthropic-api-key');
  }

  keyStatus(): AnthropicKeyStatus {
    if (this.startup.anthropicApiKey) return { set: true, last4: this.startup.anthropicApiKey.slice(-4), source: 'environment' };
    const stored = this.secrets.get('anthropic-api-key');
    return stored ? { set: true, last4: stored.slice(-4), source: 'app' } : { set: false, source: 'none' };
  }

  setAnthropicKey(key: string): AnthropicKeyStatus {
    this.secrets.set('anthropic-api-key', key);
    return this.publish().anthropicKey;
  }

  /** First run: one cheap call at the configured endpoint checks the key; only an accepted key is saved. */
  async checkAndSetAnthropicKey(key: string): Promise<AnthropicKeyStatus> {
    const settings = this.effective();
    const result = await checkAnthropicKey(key, { baseUrl: settings.anthropicBaseUrl, model: settings.model });
    if (!result.ok) throw keyCheckError(result, settings.anthropicBaseUrl);
    return this.setAnthropicKey(key);
  }

  clearAnthropicKey(): AnthropicKeyStatus {
    this.secrets.delete('anthropic-api-key');
    return this.publish().anthropicKey;
  }

  private publish(): PreferencesView {
    const view = this.view();
    this.events.publish({ type: 'preferences', preferences: view });
    return view;
  }

  /** Defaults with the saved file over them. */
  private values(): PreferenceValues {
    const defaults = defaultSettings(this.dataDir);
    return PreferenceValuesSchema.parse({ ...pickPreferences(defaults), ...this.fileValues() });
  }

  private fileValues(): Preferences {
    const layer = preferencesLayer(this.dataDir);
    const parsed = PreferencesSchema.strict().safeParse(layer.values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError('CONFIG_INVALID', `The preferences file ${join(this.dataDir, PREFERENCES_FILE)} has an invalid "${String(issue?.path[0] ?? '?')}": ${issue?.message ?? 'invalid'}.`, {
        hint: 'Fix or remove that line; the window saves over the rest.',
      });
    }
    return parsed.data;
  }
}

function pickPreferences(settings: Settings): Preferences {
  return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, settings[k]])) as Preferences;
}

/** Checks what the schema cannot: project folders exist, allowlist entries are accounts. */
function normalize(patch: Preferences): Preferences {
  const out: Preferences = { ...patch };
  if (patch.projectRoots) {
    out.projectRoots = patch.projectRoots.map((raw) => {
      const trimmed = raw.trim();
      if (!isAbsolute(trimmed) && trimmed !== '~' && !trimmed.startsWith('~/')) {
        throw new ConfigError('CONFIG_INVALID', `Project folder "${trimmed}" must be a full path (such as /home/me/code or ~/code).`);
      }
      const path = resolvePath(trimmed);
      if (!isDirectory(path)) throw new ConfigError('CONFIG_INVALID', `There is no folder ${path} on this computer.`);
      return path;
    });
  }
  if (patch.allowlist) {
    out.allowlist = patch.allowlist.map((raw) => {
      const trimmed = raw.trim();
      // Numbers are written with spaces and dashes by people; the account compares digits.
      const entry = trimmed.startsWith('+') ? trimmed.replace(/[\s()-]/g, '') : trimmed.toLowerCase();
      if (!UUID.test(entry) && !E164.test(entry)) {
        throw new ConfigError('CONFIG_INVALID', `"${trimmed}" is neither a phone number in international form (+4915…) nor a Signal account id (UUID).`);
      }
      return entry;
    });
  }
  return out;
}

/** Why a key was not saved, in words that say whether to fix the key or the connection. */
function keyCheckError(result: Exclude<KeyCheck, { ok: true }>, baseUrl: string | undefined): AppError {
  const where = baseUrl ? new URL(baseUrl).host : 'api.anthropic.com';
  switch (result.reason) {
    case 'rejected':
      return new AppError('ANTHROPIC_KEY_REJECTED', `${where} did not accept this key (HTTP ${result.status ?? 401}), so it was not saved. Check that you copied all of it, or create a new key in the Anthropic Console.`);
    case 'unreachable':
      return new AppError('ANTHROPIC_UNAVAILABLE', `Could not reach ${where} to check the key, so it was not saved. Check the connection and try again.`);
    case 'failed':
      return new AppError('ANTHROPIC_UNAVAILABLE', `${where} could not check the key just now${result.status ? ` (HTTP ${result.status})` : ''}, so it was not saved. Try again in a moment.`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
