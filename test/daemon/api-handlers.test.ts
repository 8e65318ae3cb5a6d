// The routes the renderer uses, on a real daemon (real encrypted store, real preferences file):
// preferences persist across a restart, the API key is never handed back, and the routes
// with nothing to show (no sessions, no reachable Signal server) answer with clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createApiHandlers, type ApiHandlers } from '../../src-main/daemon/api-handlers.js';
import { Daemon } from '../../src-main/daemon/daemon.js';
import { API_ROUTES, type ApiEvent } from '../../src-main/shared/api.js';
import { defaultSettings, type Settings } from '../../src-main/shared/config.js';
import { AppError } from '../../src-main/shared/errors.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

interface Running {
  readonly daemon: Daemon;
  readonly handlers: ApiHandlers;
  readonly events: ApiEvent[];
  readonly quits: number[];
}

async function open(t: TestContext, dataDir: string, overrides: Partial<Settings> = {}): Promise<Running> {
  // As the CLI does: defaults < preferences file < (here) flags.
  const settings = loadSettings({ dataDir, signalConfig: await unreachableSignalConfig(t), ...overrides }, {});
  const daemon = Daemon.open({ settings, logger: silentLogger(), keyProvider: new FileKeyProvider(dataDir), version: '0.0.0-test', headless: true });
  await daemon.start();
  t.after(() => daemon.stop());
  const events: ApiEvent[] = [];
  daemon.events.subscribe((e) => events.push(e));
  const quits: number[] = [];
  const handlers = createApiHandlers(daemon, { quit: () => quits.push(Date.now()) });
  return { daemon, handlers, events, quits };
}

/** Every test daemon gets --signal-config (a closed loopback port), which is an override too. */
function withoutSignalConfig(overridden: Record<string, unknown>): Record<string, unknown> {
  const { signalConfig: _ignored, ...rest } = overridden;
  return rest;
}

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

test('preferences saved from the window are in the file and survive a restart', async (t) => {
  const dataDir = tempDir(t);
  const roots = join(dataDir, 'code');
  mkdirSync(roots);
  const first = await open(t, dataDir);
  const before = await first.handlers.preferences({});
  assert.equal(before.values.permissionMode, 'default');
  assert.equal(before.values.appearance, 'system');

  const saved = await first.handlers.preferencesUpdate({ permissionMode: 'acceptEdits', appearance: 'dark', projectRoots: [roots], keepAwake: false });
  assert.equal(saved.values.permissionMode, 'acceptEdits');
  assert.deepEqual(saved.values.projectRoots, [roots]);
  const onDisk = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(onDisk.appearance, 'dark');
  assert.equal(onDisk.keepAwake, false);
  assert.ok(first.events.some((e) => e.type === 'preferences' && e.preferences.values.appearance === 'dark'), 'open windows hear about the change');

  // A second save changes one thing and keeps the rest.
  await first.handlers.preferencesUpdate({ model: 'claude-opus-4-1' });
  await first.daemon.stop();

  const second = await open(t, dataDir);
  const after = await second.handlers.preferences({});
  assert.equal(after.values.permissionMode, 'acceptEdits');
  assert.equal(after.values.appearance, 'dark');
  assert.equal(after.values.model, 'claude-opus-4-1');
  assert.equal(after.values.keepAwake, false);
  assert.deepEqual(withoutSignalConfig(after.overridden), {}, 'only the test harness flag --signal-config');
});

test('values a flag or the environment set are reported as overridden, not as saved', async (t) => {
  const dataDir = tempDir(t);
  const { handlers } = await open(t, dataDir, { model: 'claude-from-flag', port: 4321 });
  const view = await handlers.preferences({});
  assert.equal(view.values.model, defaultSettings(dataDir).model, 'the window edits the saved value');
  assert.deepEqual(withoutSignalConfig(view.overridden), { model: 'claude-from-flag', port: 4321 });
});

test('bad project folders and allowlist entries are refused with a sentence naming them', async (t) => {
  const dataDir = tempDir(t);
  const { handlers } = await open(t, dataDir);
  await rejectsWith(handlers.preferencesUpdate({ projectRoots: ['code'] }), 'CONFIG_INVALID', /"code" must be a full path/);
  await rejectsWith(handlers.preferencesUpdate({ projectRoots: [join(dataDir, 'missing')] }), 'CONFIG_INVALID', /no folder .*missing/);
  await rejectsWith(handlers.preferencesUpdate({ allowlist: ['bob'] }), 'CONFIG_INVALID', /"bob" is neither/);
  const ok = await handlers.preferencesUpdate({ chatMode: 'bot', allowlist: ['+49 151 2345-6789', 'A1B2C3D4-0000-4000-8000-0000000000AA'] });
  assert.deepEqual(ok.values.allowlist, ['+4915123456789', 'a1b2c3d4-0000-4000-8000-0000000000aa']);
  // The schema itself is the request schema of the route: an unknown key or a wrong type never reaches the file.
  assert.equal(API_ROUTES.preferencesUpdate.request.safeParse({ permissionMode: 'yolo' }).success, false);
  assert.equal(API_ROUTES.preferencesUpdate.request.safeParse({ dataDir: '/tmp/x' }).success, false, 'the data folder is not a preference');
});

test('the API key is stored encrypted and only its last four characters come back', async (t) => {
  const dataDir = tempDir(t);
  const key = 'sk-ant-api03-SECRETSECRETSECRET-x7Qa';
  const first = await open(t, dataDir);
  assert.deepEqual((await first.handlers.preferences({})).anthropicKey, { set: false, source: 'none' });
  const status = await first.handlers.anthropicKeySet({ key });
  assert.deepEqual(status, { set: true, last4: 'x7Qa', source: 'app' });
  const view = await first.handlers.preferences({});
  assert.ok(!JSON.stringify(view).includes('SECRET'), 'the preferences view carries no part of the key but its end');
  assert.ok(!JSON.stringify(first.events).includes('SECRET'), 'neither do the events');
  assert.ok(!readFileSync(join(dataDir, 'signal-claude.db')).includes('SECRETSECRET'), 'the database file holds it encrypted');
  await first.daemon.stop();

  const second = await open(t, dataDir);
  assert.deepEqual((await second.handlers.preferences({})).anthropicKey, { set: true, last4: 'x7Qa', source: 'app' });
  assert.deepEqual(await second.handlers.anthropicKeyClear({}), { set: false, source: 'none' });
});

test('ANTHROPIC_API_KEY in the environment wins over a stored key, and says so', async (t) => {
  const { handlers } = await open(t, tempDir(t), { anthropicApiKey: 'sk-env-key-00000000-Zz99' });
  await handlers.anthropicKeySet({ key: 'sk-stored-key-1111' });
  assert.deepEqual((await handlers.preferences({})).anthropicKey, { set: true, last4: 'Zz99', source: 'environment' });
});

test('sessions, approvals and pairing answer plainly when there is nothing to show', async (t) => {
  const { handlers } = await open(t, tempDir(t));
  assert.deepEqual(await handlers.sessions({}), { sessions: [] });
  await rejectsWith(handlers.session({ id: 's1' }), 'SESSION_NOT_FOUND', /no session s1/);
  await rejectsWith(handlers.sessionTranscript({ id: 's1' }), 'SESSION_NOT_FOUND');
  await rejectsWith(handlers.sessionRestart({ id: 's1' }), 'SESSION_NOT_FOUND');
  await rejectsWith(handlers.sessionStop({ id: 's1' }), 'SESSION_NOT_FOUND');
  await rejectsWith(handlers.approvalAnswer({ id: '4f2a', decision: 'once' }), 'API_NOT_FOUND', /No pending approval 4f2a/);
  const pairing = await handlers.pairing({});
  assert.equal(pairing.url, null, 'no linking URL while the Signal server cannot be reached');
  assert.ok(['unlinked', 'linking'].includes(pairing.state), pairing.state);
  await rejectsWith(handlers.identityConfirm({ id: 'nobody' }), 'API_NOT_FOUND');
  assert.deepEqual(await handlers.identityChanges({}), { changes: [] });
  await rejectsWith(handlers.signalCaptcha({ captcha: 'signalcaptcha://signal-hcaptcha.abc.challenge.def' }), 'API_NOT_FOUND', /not asking for a captcha/);
  assert.deepEqual(await handlers.projects({}), { projects: [] });
  // Only `npm run demo` hands the daemon a demo phone; without one its routes do not exist.
  await rejectsWith(handlers.demoPhone({}), 'API_NOT_FOUND', /only `npm run demo`/);
  await rejectsWith(handlers.demoPhoneSay({ text: 'hi' }), 'API_NOT_FOUND');
});

test('projects registered from the phone are listed with their own model and mode, or none (the app default)', async (t) => {
  const dataDir = tempDir(t);
  const roots = join(realpathSync(dataDir), 'code');
  mkdirSync(join(roots, 'shop'), { recursive: true });
  const { daemon, handlers } = await open(t, dataDir, { projectRoots: [roots] });
  const shop = daemon.services.projects.add('shop');
  daemon.services.projects.setPermissionMode(shop.id, 'acceptEdits');
  const { projects } = await handlers.projects({});
  assert.deepEqual(projects.map(({ id: _id, createdAt: _at, ...rest }) => rest), [{ name: 'shop', path: join(roots, 'shop'), model: null, permissionMode: 'acceptEdits' }]);
});

test('quit is answered before the host stops', async (t) => {
  const { handlers, quits } = await open(t, tempDir(t));
  assert.deepEqual(await handlers.quit({}), { ok: true });
  assert.equal(quits.length, 0, 'not yet: the answer goes out first');
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(quits.length, 1);
});

test('the models to pick from come with their prices, the default model among them', async (t) => {
  const running = await open(t, tempDir(t));
  const { models } = API_ROUTES.models.response.parse(await running.handlers.models({}));
  const ids = models.map((m) => m.id);
  assert.ok(ids.includes(defaultSettings(tempDir(t)).model), 'the default model can be picked');
  assert.deepEqual(models.find((m) => m.id === 'claude-haiku-4-5'), { id: 'claude-haiku-4-5', inputUsd: 1, outputUsd: 5 });
  assert.equal(new Set(ids).size, ids.length, 'each model once');
});
