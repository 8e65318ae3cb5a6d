// The Electron app's life: one instance, no Dock icon, the same host as headless
// (host/start-host.ts: data folder, lock, flags, daemon and loopback API) with the database key
// in the OS key store, then the renderer on app://, the tray, windows, IPC, login item and
// keep-awake. Quit stops everything in order.
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { AppViewSchema, type ApiEvent, type AppView } from '../shared/api.js';
import { parseCliArgs } from '../shared/cli-args.js';
import { findAppRoot } from '../shared/app-info.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ApiHandlers } from '../daemon/api-handlers.js';
import { loadSettings } from '../host/settings.js';
import { startHost, type RunningHost } from '../host/start-host.js';
import { stopWithin } from '../host/shutdown-deadline.js';
import { appArgv } from './app-args.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { API_CHANNELS, EVENT_CHANNEL, OPEN_VIEW_CHANNEL } from './ipc-channels.js';
import { dispatchIpc } from './ipc-dispatch.js';
import { isWorking, KeepAwake } from './keep-awake.js';
import { LoginItem } from './login-item.js';
import { chooseKeyProvider } from './safe-storage-key-provider.js';
import { AppTray } from './tray.js';
import { utilityForkHost } from './utility-host-process.js';
import { trayIconState, trayMenuModel, trayTooltip, type TrayAction } from './tray-menu.js';
import { hardenWebContents, WindowManager } from './windows.js';
import { isTrustedSenderUrl } from './web-preferences.js';

interface Running {
  readonly host: RunningHost;
  readonly windows: WindowManager;
  readonly tray: AppTray;
}

export function runDesktopApp(argv: readonly string[]): void {
  if (!app.requestSingleInstanceLock()) {
    // The running instance shows itself (second-instance below); this one leaves quietly.
    app.quit();
    return;
  }
  registerAppScheme();
  app.dock?.hide();
  // The app lives in the tray: closing its last window does not quit it.
  app.on('window-all-closed', () => undefined);
  let running: Running | undefined;
  // A second launch opens the popover under the tray icon, as a click on it would.
  app.on('second-instance', () => running?.windows.open({ view: 'popover' }, running.tray.bounds()));
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => running?.host.logger.warn({ mod: 'windows', url }, 'blocked navigation or window')),
  );

  // Quit is down within 5 s whatever hangs, as SIGTERM is headless (host/shutdown-deadline.ts).
  let stopping = false;
  app.on('before-quit', (event) => {
    if (!running || stopping) return;
    event.preventDefault();
    stopping = true;
    const current = running;
    const { host } = current;
    void stopWithin(() => stop(current)).then((outcome) => {
      if (outcome !== 'stopped') {
        host.logger.error({ mod: 'desktop', outcome }, 'quit did not stop cleanly; exiting');
        host.releaseLock();
      }
      app.exit(outcome === 'stopped' ? 0 : 1);
    });
  });
  // A SIGTERM (logout, the service manager, kill) quits the same way.
  process.once('SIGTERM', () => app.quit());

  app.whenReady().then(
    async () => {
      running = await start(argv);
    },
    (error: unknown) => fail(error),
  ).catch(fail);
}

function fail(error: unknown): void {
  dialog.showErrorBox('Signal Claude cannot start', describeError(error));
  app.exit(1);
}

async function start(argv: readonly string[]): Promise<Running> {
  const root = findAppRoot();
  const args = parseCliArgs(appArgv(argv, app.isPackaged));
  const settings = loadSettings(args.settings, process.env);
  // The same start as headless (data folder, lock, log, daemon, loopback API, "Dashboard:"), so
  // `signal-claude status` and a browser work too; only the key store and Quit differ.
  const host = await startHost({
    settings,
    root,
    print: (line) => process.stdout.write(`${line}\n`),
    keyProvider: (dataDir) => chooseKeyProvider(dataDir, safeStorage),
    host: { quit: () => app.quit() },
    headless: false,
    forkCommandHost: utilityForkHost,
  });
  try {
    return await openDesktop(host, root);
  } catch (error) {
    await host.stop();
    throw error;
  }
}

/** Everything only the desktop has: renderer on app://, windows, IPC, tray, login item, keep-awake. */
async function openDesktop(host: RunningHost, root: string): Promise<Running> {
  const { daemon, handlers, logger } = host;
  // Windows may ask for nothing (no camera, notifications, clipboard reads, …), and a check for
  // a permission (e.g. navigator.permissions.query) answers "denied" rather than Chromium's default.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(join(root, 'dist-renderer'));
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources');
  const windows = new WindowManager(join(root, 'dist', 'preload.cjs'), join(resourcesDir, 'icon.png'));
  registerIpc(handlers, windows, logger);

  const loginItem = new LoginItem();
  const keepAwake = new KeepAwake(powerSaveBlocker);
  const tray = new AppTray(resourcesDir, (action, bounds) => onTrayAction(action, bounds));
  const refresh = async () => {
    const [prefs, list] = await Promise.all([handlers.preferences({}), handlers.sessions({})]);
    keepAwake.update({ enabled: prefs.values.keepAwake, working: isWorking(list.sessions.map((s) => s.state)) });
    const status = daemon.status();
    tray.update(trayMenuModel(status, list.sessions, loginItem.isEnabled(), loginItem.note()), trayTooltip(status), trayIconState(status));
  };
  const onTrayAction = (action: TrayAction, bounds: Electron.Rectangle) => {
    if (action === 'quit') app.quit();
    else if (action === 'open') windows.togglePopover(bounds);
    else if (action === 'pair') windows.open({ view: 'pairing' });
    else if (action === 'preferences') windows.open({ view: 'preferences' });
    else if (action === 'toggle-login') {
      void handlers.preferencesUpdate({ launchAtLogin: !loginItem.isEnabled() }).catch((error: unknown) => logger.warn({ mod: 'desktop', err: error }, 'login item'));
    }
  };

  const prefs = await handlers.preferences({});
  if (loginItem.isEnabled() !== prefs.values.launchAtLogin) loginItem.set(prefs.values.launchAtLogin);
  // "Open at login" turns on by itself when a pairing succeeds (the app is only useful while it
  // runs); the tray's checkbox and Preferences turn it off with one click. Only on a pairing in
  // this run: a later start of an already linked app never overrides the owner's choice.
  let pairing = daemon.status().signal.account === undefined;
  daemon.events.subscribe((event: ApiEvent) => {
    for (const window of windows.all()) window.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'status' && event.status.signal.state === 'linking') pairing = true;
    if (event.type === 'status' && event.status.signal.state === 'connected' && pairing && daemon.status().signal.account) {
      pairing = false;
      if (!loginItem.isEnabled()) {
        void handlers.preferencesUpdate({ launchAtLogin: true }).catch((error: unknown) => logger.warn({ mod: 'desktop', err: error }, 'login item after pairing'));
      }
    }
    if (event.type === 'preferences' && loginItem.isEnabled() !== event.preferences.values.launchAtLogin) loginItem.set(event.preferences.values.launchAtLogin);
    if (event.type === 'preferences' || event.type === 'session' || event.type === 'session-removed' || event.type === 'status') {
      refresh().catch((error: unknown) => logger.warn({ mod: 'desktop', err: error }, 'tray refresh failed'));
    }
  });
  await refresh();
  exposeForE2e(tray, loginItem, windows);
  if (daemon.status().signal.state === 'unlinked') windows.open({ view: 'pairing' });
  return { host, windows, tray };
}

function registerIpc(handlers: ApiHandlers, windows: WindowManager, logger: Logger): void {
  for (const [route, channel] of Object.entries(API_CHANNELS) as Array<[keyof typeof API_CHANNELS, string]>) {
    ipcMain.handle(channel, (event, raw: unknown) => dispatchIpc(route, event.senderFrame?.url, raw, handlers, logger));
  }
  ipcMain.handle(OPEN_VIEW_CHANNEL, (event, raw: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) return;
    const view = AppViewSchema.safeParse(raw);
    if (view.success) windows.open(view.data as AppView);
  });
}

/**
 * The Electron e2e spec reads the tray menu and the login item through this; it exists only
 * when the app is started with SIGNAL_CLAUDE_E2E=1.
 */
function exposeForE2e(tray: AppTray, loginItem: LoginItem, windows: WindowManager): void {
  if (process.env.SIGNAL_CLAUDE_E2E !== '1') return;
  Object.assign(globalThis, {
    signalClaudeE2e: {
      trayMenu: () => tray.model,
      trayIconState: () => tray.iconState,
      loginItemEnabled: () => loginItem.isEnabled(),
      openView: (view: AppView) => windows.open(view),
      /** Per open window, the webPreferences it was created with (undefined: not created by us). */
      windowPreferences: () => BrowserWindow.getAllWindows().map((w) => windows.webPreferencesOf(w) ?? null),
    },
  });
}

async function stop(running: Running): Promise<void> {
  running.tray.destroy();
  await running.host.stop();
}
