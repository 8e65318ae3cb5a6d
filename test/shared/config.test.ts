import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src-main/shared/errors.js';
import { defaultSettings, resolveSettings } from '../../src-main/shared/config.js';
import { defaultDataDir, defaultsLayer, environmentLayer, preferencesLayer, writePreferences } from '../../src-main/shared/config-sources.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { tempDir } from '../helpers/temp.js';

test('layers: defaults < preferences file < environment < flags', (t) => {
  const dataDir = tempDir(t);
  writePreferences(dataDir, { model: 'from-prefs', port: 1111, keepAwake: false, permissionMode: 'plan' });
  const env = { SIGNAL_CLAUDE_PORT: '2222', SIGNAL_CLAUDE_MODEL: 'from-env', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/' };
  const s = loadSettings({ dataDir, port: 3333 }, env);
  assert.equal(s.port, 3333, 'flags win');
  assert.equal(s.model, 'from-env', 'environment beats the preferences file');
  assert.equal(s.keepAwake, false, 'the preferences file beats defaults');
  assert.equal(s.permissionMode, 'plan');
  assert.equal(s.anthropicBaseUrl, 'http://127.0.0.1:9/');
  assert.equal(s.approvalTimeoutSec, defaultSettings(dataDir).approvalTimeoutSec, 'defaults fill the rest');
});

test('SIGNAL_CLAUDE_DATA_DIR picks the folder whose preferences are read', (t) => {
  const dataDir = tempDir(t);
  writePreferences(dataDir, { deviceName: 'Laptop' });
  assert.equal(loadSettings({}, { SIGNAL_CLAUDE_DATA_DIR: dataDir }).deviceName, 'Laptop');
});

test('a bad value names the setting, its layer and the expected form', (t) => {
  const dataDir = tempDir(t);
  const layers = [defaultsLayer(defaultSettings(dataDir)), environmentLayer({ SIGNAL_CLAUDE_PORT: '70000' })];
  assert.throws(
    () => resolveSettings(layers),
    (e: unknown) => e instanceof ConfigError && /"port" from environment variable SIGNAL_CLAUDE_PORT: expected .*65535.*got 70000/.test(e.message),
  );
  assert.throws(
    () => resolveSettings([defaultsLayer(defaultSettings(dataDir)), environmentLayer({ ANTHROPIC_BASE_URL: 'not a url' })]),
    /"anthropicBaseUrl" from environment variable ANTHROPIC_BASE_URL: expected an http\(s\) URL/,
  );
  assert.throws(
    () => resolveSettings([defaultsLayer(defaultSettings(dataDir)), environmentLayer({ SIGNAL_CLAUDE_DEBUG_LOG_CONTENT: 'maybe' })]),
    /"debugLogContent" from environment variable SIGNAL_CLAUDE_DEBUG_LOG_CONTENT: expected a boolean, got "maybe"/,
  );
});

test('unknown keys and wrong types in the preferences file are reported with the file', (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, 'preferences.json'), JSON.stringify({ colour: 'blue' }));
  assert.throws(() => resolveSettings([defaultsLayer(defaultSettings(dataDir)), preferencesLayer(dataDir)]), /Unknown setting "colour" in preferences file .*preferences\.json/);
  writeFileSync(join(dataDir, 'preferences.json'), JSON.stringify({ allowRules: ['Bash(npm test:*)', 'rm -rf'] }));
  assert.throws(() => resolveSettings([defaultsLayer(defaultSettings(dataDir)), preferencesLayer(dataDir)]), /"allowRules" from preferences file .* \(at allowRules\.1\): expected a rule such as Bash\(npm test:\*\)/);
});

test('preferences are written atomically and never hold secrets or the data folder', (t) => {
  const dataDir = tempDir(t);
  assert.throws(() => writePreferences(dataDir, { anthropicApiKey: 'sk-ant-x' } as never));
  writePreferences(dataDir, { appearance: 'dark' });
  assert.deepEqual(preferencesLayer(dataDir).values, { appearance: 'dark' });
});

test('the default data folder is the OS app-data folder', () => {
  assert.equal(defaultDataDir('linux', {}, '/home/u'), '/home/u/.config/signal-claude');
  assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u'), '/x/signal-claude');
  assert.equal(defaultDataDir('darwin', {}, '/Users/u'), '/Users/u/Library/Application Support/Signal Claude');
});
