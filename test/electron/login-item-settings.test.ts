// What "Open at login" registers: under `npm start` the item must start this app (Electron's
// binary plus the app's path), macOS 13+ uses SMAppService and may need approval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linuxAutostartCommand, loginItemNote, loginItemSettings, type AppLaunch } from '../../src-main/electron/login-item-settings.js';
import { trayMenuModel } from '../../src-main/electron/tray-menu.js';

const dev: AppLaunch = { platform: 'win32', packaged: false, execPath: 'C:\\repo\\node_modules\\electron\\dist\\electron.exe', appPath: 'C:\\repo' };

test('under npm start the Windows login item runs Electron with the app path', () => {
  assert.deepEqual(loginItemSettings(dev, true), { openAtLogin: true, path: dev.execPath, args: ['C:\\repo'] });
  assert.deepEqual(loginItemSettings({ ...dev, packaged: true }, true), { openAtLogin: true });
});

test('macOS 13+ registers through the service-management API; older macOS a hidden login item', () => {
  const mac = { ...dev, platform: 'darwin' as const, packaged: true };
  assert.deepEqual(loginItemSettings({ ...mac, macMajor: 14 }, true), { openAtLogin: true, type: 'mainAppService' });
  assert.deepEqual(loginItemSettings({ ...mac, macMajor: 12 }, false), { openAtLogin: false, openAsHidden: true });
});

test('the Linux autostart command: the AppImage file, the binary, or Electron plus the checkout', () => {
  const linux: AppLaunch = { platform: 'linux', packaged: false, execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo' };
  assert.deepEqual(linuxAutostartCommand(linux), ['/repo/node_modules/electron/dist/electron', '/repo']);
  assert.deepEqual(linuxAutostartCommand({ ...linux, packaged: true, execPath: '/opt/Signal Claude/signal-claude' }), ['/opt/Signal Claude/signal-claude']);
  assert.deepEqual(linuxAutostartCommand({ ...linux, packaged: true, appImage: '/home/me/Signal Claude.AppImage' }), ['/home/me/Signal Claude.AppImage']);
});

test('a registration waiting for approval says so in the tray', () => {
  assert.equal(loginItemNote('requires-approval'), 'needs approval in System Settings');
  assert.equal(loginItemNote('enabled'), undefined);
  assert.equal(loginItemNote(undefined), undefined);
  const item = trayMenuModel(undefined, [], true, loginItemNote('requires-approval')).find((i) => i.kind === 'action' && i.action === 'toggle-login');
  assert.deepEqual(item, { kind: 'action', action: 'toggle-login', label: 'Open at Login (needs approval in System Settings)', checked: true });
});
