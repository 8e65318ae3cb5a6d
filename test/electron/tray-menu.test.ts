// The tray menu tells the state at a glance and offers the app's actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { darkPanel, trayIconFile, trayIconState, trayMenuModel, trayTooltip } from '../../src-main/electron/tray-menu.js';
import type { SessionSummary, Status } from '../../src-main/shared/api.js';

const status = (state: Status['signal']['state'], numberHint?: string): Status => ({
  app: { name: 'signal-claude', version: '0.1.0', pid: 1, startedAt: new Date(0).toISOString(), headless: false },
  signal: { state, identityChanges: 0, droppedOtherConversations: 0, ...(numberHint ? { account: { aci: 'a', deviceId: 2, numberHint } } : {}) },
  health: { ok: true, problems: [], uptimeMs: 1, store: { ok: true, schemaVersion: 1 }, services: {} },
  sessions: { total: 0, active: 0, crashed: 0 },
  pendingApprovals: 0,
});

const session = (state: SessionSummary['state'], approvals = 0): SessionSummary => ({
  id: state,
  projectId: 'p',
  projectName: 'app',
  projectPath: '/code/app',
  state,
  model: 'm',
  permissionMode: 'default',
  lastActivityAt: null,
  costUsd: 0,
  pendingApprovals: Array.from({ length: approvals }, (_, i) => ({ id: `a${i}`, sessionId: state, projectName: 'app', tool: 'Bash', summary: 'Bash ls', createdAt: '', expiresAt: '' })),
  allowedForSession: [],
});

const labels = (items: ReturnType<typeof trayMenuModel>) => items.map((i) => (i.kind === 'separator' ? '---' : i.label));

test('unlinked: says so and offers pairing', () => {
  assert.deepEqual(labels(trayMenuModel(status('unlinked'), [], false)), [
    'Not linked to Signal',
    '0 sessions',
    '---',
    'Open Signal Claude',
    'Pair Device…',
    'Preferences…',
    'Open at Login',
    '---',
    'Quit Signal Claude',
  ]);
});

test('linked with work going on: who it is linked as, and what needs the owner', () => {
  const items = trayMenuModel(status('connected', '+…42'), [session('active', 1), session('crashed'), session('idle')], true);
  assert.deepEqual(labels(items).slice(0, 2), ['Linked as +…42', '3 sessions, 1 working, 1 crashed, 1 waiting for you']);
  assert.ok(!labels(items).includes('Pair Device…'));
  assert.deepEqual(items.find((i) => i.kind === 'action' && i.action === 'toggle-login'), { kind: 'action', action: 'toggle-login', label: 'Open at Login', checked: true });
});

test('health problems show in the menu and the tooltip; the link line is not repeated', () => {
  const ok = status('connected', '+…42');
  assert.equal(trayTooltip(ok), 'Signal Claude');
  const problems: Status['health']['problems'] = [
    { code: 'signal-unreachable', message: 'Signal cannot be reached; the app keeps trying.' },
    { code: 'undelivered', message: '2 replies could not be delivered to Signal; send /undelivered from the phone to see them.' },
  ];
  const sick: Status = { ...ok, signal: { ...ok.signal, state: 'disconnected' }, health: { ...ok.health, ok: false, problems } };
  assert.deepEqual(labels(trayMenuModel(sick, [], true)).slice(0, 3), ['Offline; reconnecting', '⚠ 2 replies could not be delivered to Signal; send /undelivered from the phone to see them.', '0 sessions']);
  assert.equal(trayTooltip(sick), 'Signal Claude: 2 problems. Signal cannot be reached; the app keeps trying.');
});

test('template image on macOS, a glyph that contrasts with the panel elsewhere', () => {
  assert.equal(trayIconFile('darwin', true), 'trayTemplate.png');
  assert.equal(trayIconFile('linux', true), 'tray-dark.png');
  assert.equal(trayIconFile('win32', false), 'tray-light.png');
});

test('the tray icon follows the panel, not the apps: Windows taskbar colour, GNOME\'s dark top bar', () => {
  const light = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false };
  const darkTaskbarLightApps = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: true };
  assert.equal(darkPanel('win32', undefined, darkTaskbarLightApps), true);
  assert.equal(darkPanel('win32', undefined, light), false);
  assert.equal(darkPanel('linux', 'ubuntu:GNOME', light), true);
  assert.equal(darkPanel('linux', 'GNOME', light), true);
  assert.equal(darkPanel('linux', 'KDE', light), false);
  assert.equal(darkPanel('linux', 'KDE', { ...light, shouldUseDarkColors: true }), true);
  assert.equal(trayIconFile('linux', darkPanel('linux', 'ubuntu:GNOME', light)), 'tray-dark.png');
});

test('the icon shows a dot while health lists a problem, on every platform and panel', () => {
  const ok = status('connected', '+1555');
  assert.equal(trayIconState(ok), 'ok');
  assert.equal(trayIconState(undefined), 'ok', 'still starting: nothing known to be wrong');
  const problem: Status = { ...ok, health: { ...ok.health, ok: false, problems: [{ code: 'anthropic-key-rejected', message: 'Anthropic rejected the API key (HTTP 401).' }] } };
  assert.equal(trayIconState(problem), 'problem');
  const storeDown: Status = { ...ok, health: { ...ok.health, ok: false, store: { ok: false, schemaVersion: 0, detail: 'locked' } } };
  assert.equal(trayIconState(storeDown), 'problem', 'a database that cannot be read is a problem even without a listed reason');
  const idleHost: Status = { ...ok, health: { ...ok.health, services: { commands: { state: 'idle', detail: 'not running: starts with the next command' } } } };
  assert.equal(trayIconState(idleHost), 'ok', 'an idle command host is not a problem');
  assert.equal(trayIconFile('darwin', false, 'problem'), 'trayTemplate-problem.png');
  assert.equal(trayIconFile('linux', true, 'problem'), 'tray-dark-problem.png');
  assert.equal(trayIconFile('win32', false, 'problem'), 'tray-light-problem.png');
  assert.equal(trayIconFile('win32', false, 'ok'), 'tray-light.png');
});
