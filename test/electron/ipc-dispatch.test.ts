// The IPC path of the desktop app on a real daemon: the sender is checked, the request is parsed
// by the route's schema, and errors come back as data the window can show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { createApiHandlers } from '../../src-main/daemon/api-handlers.js';
import { Daemon } from '../../src-main/daemon/daemon.js';
import { dispatchIpc } from '../../src-main/electron/ipc-dispatch.js';
import { API_CHANNELS } from '../../src-main/electron/ipc-channels.js';
import { API_ROUTES } from '../../src-main/shared/api.js';
import { defaultSettings } from '../../src-main/shared/config.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

const OURS = 'app://renderer/index.html#/';

async function handlers(t: TestContext) {
  const dataDir = tempDir(t);
  const settings = { ...defaultSettings(dataDir), signalConfig: await unreachableSignalConfig(t) };
  const daemon = Daemon.open({ settings, logger: silentLogger(), keyProvider: new FileKeyProvider(dataDir), version: '0.0.0-test', headless: false });
  await daemon.start();
  t.after(() => daemon.stop());
  return createApiHandlers(daemon, { quit: () => undefined });
}

test('our window gets answers; any other frame gets refused', async (t) => {
  const h = await handlers(t);
  const ok = await dispatchIpc('status', OURS, {}, h, silentLogger());
  assert.equal(ok.ok, true);
  assert.equal(ok.ok && (ok.value as { app: { headless: boolean } }).app.headless, false);
  for (const sender of ['https://evil.example/', 'file:///tmp/x.html', undefined]) {
    const refused = await dispatchIpc('preferences', sender, {}, h, silentLogger());
    assert.deepEqual(refused, { ok: false, error: { code: 'API_FORBIDDEN', message: 'This window may not use the app.' } });
  }
});

test('requests are checked by the route schema and errors arrive as code + sentence', async (t) => {
  const h = await handlers(t);
  const bad = await dispatchIpc('preferencesUpdate', OURS, { permissionMode: 'yolo' }, h, silentLogger());
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.code, 'API_BAD_REQUEST');
  assert.match(!bad.ok ? bad.error.message : '', /permissionMode/);
  const missing = await dispatchIpc('sessionRestart', OURS, { id: 'nope' }, h, silentLogger());
  assert.deepEqual(missing, { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'There is no session nope.' } });
  const saved = await dispatchIpc('preferencesUpdate', OURS, { appearance: 'light' }, h, silentLogger());
  assert.equal(saved.ok && (saved.value as { values: { appearance: string } }).values.appearance, 'light');
});

test('there is one named channel for every route and no other', () => {
  assert.deepEqual(Object.keys(API_CHANNELS).sort(), Object.keys(API_ROUTES).sort());
  for (const [route, channel] of Object.entries(API_CHANNELS)) assert.equal(channel, `api:${route}`);
});
