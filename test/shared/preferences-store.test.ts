// preferences.json through conf: a file written before versioning (version 1) is still read and
// gets its version recorded, saves keep it, and a broken file is one clear ConfigError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src-main/shared/errors.js';
import { PREFERENCES_FILE, PREFERENCES_VERSION, readPreferencesFile, writePreferencesFile } from '../../src-main/shared/preferences-store.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { tempDir } from '../helpers/temp.js';

/** Exactly what the app wrote before preferences went through conf (writePreferences up to then). */
const VERSION_1_FILE = `${JSON.stringify({ port: 4321, model: 'claude-opus-4-1', allowRules: ['Bash(npm test:*)'], notifications: { finalAnswers: false, approvals: true, crashes: true }, appearance: 'dark' }, null, 2)}\n`;

function onDisk(dataDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, PREFERENCES_FILE), 'utf8')) as Record<string, unknown>;
}

test('a version-1 file written by the app before versioning is read as it was and migrated', (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, PREFERENCES_FILE), VERSION_1_FILE, { mode: 0o600 });
  assert.deepEqual(readPreferencesFile(dataDir), JSON.parse(VERSION_1_FILE), 'the same values, nothing of conf mixed in');
  assert.deepEqual(onDisk(dataDir).__internal__, { migrations: { version: PREFERENCES_VERSION } }, 'the version is recorded');

  const settings = loadSettings({ dataDir }, {});
  assert.equal(settings.port, 4321);
  assert.equal(settings.notifications.finalAnswers, false);
  assert.deepEqual(settings.allowRules, ['Bash(npm test:*)']);

  writePreferencesFile(dataDir, { ...(readPreferencesFile(dataDir) as object), keepAwake: false });
  const saved = onDisk(dataDir);
  assert.equal(saved.keepAwake, false);
  assert.equal(saved.model, 'claude-opus-4-1');
  assert.deepEqual(saved.__internal__, { migrations: { version: PREFERENCES_VERSION } }, 'a save keeps the version');
});

test('writes are whole files, private, indented as before, and leave no temp files', (t) => {
  const dataDir = join(tempDir(t), 'new');
  writePreferencesFile(dataDir, { deviceName: 'Laptop' });
  writePreferencesFile(dataDir, { deviceName: 'Desk' });
  assert.deepEqual(readdirSync(dataDir), [PREFERENCES_FILE]);
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  assert.equal(statSync(join(dataDir, PREFERENCES_FILE)).mode & 0o777, 0o600);
  assert.match(readFileSync(join(dataDir, PREFERENCES_FILE), 'utf8'), /^\{\n {2}"deviceName": "Desk",\n[\s\S]*\}\n$/);
  assert.deepEqual(readPreferencesFile(dataDir), { deviceName: 'Desk' });
});

test('no file is no preferences; a broken one is a clear error naming the file', (t) => {
  const dataDir = tempDir(t);
  assert.equal(readPreferencesFile(dataDir), undefined);
  assert.equal(readPreferencesFile(join(dataDir, 'missing')), undefined);
  assert.deepEqual(readdirSync(dataDir), [], 'reading creates nothing');
  for (const [text, message] of [
    ['{ "port": ', /preferences\.json is not valid JSON/],
    ['[1, 2]', /preferences\.json must hold a JSON object/],
    ['{"__internal__": {"migrations": {"version": "banana"}}}', /preferences\.json cannot be used/],
  ] as const) {
    writeFileSync(join(dataDir, PREFERENCES_FILE), text);
    assert.throws(() => readPreferencesFile(dataDir), (e: unknown) => e instanceof ConfigError && e.code === 'CONFIG_UNREADABLE' && message.test(e.message), text);
  }
});
