// The Electron app's life: one instance, no Dock icon, the same daemon as headless (same data
// folder, lock, flags and loopback API) with the database key in the OS key store, the renderer
// on app://, the tray, windows, IPC, login item and keep-awake. Quit stops everything in order.
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { AppViewSchema, type ApiEvent, type AppView } from '../shared/api.js';
import { parseCliArgs } from '../shared/cli-args.js';
import { appVersion, findAppRoot } from '../shared/app-info.js';
import { describeError } from '../shared/errors.js';
import { createLogger, type LoggerHandle } from '../shared/logger.js';
import { createApiHandlers, type ApiHandlers } from '../daemon/api-handlers.js';
import { Daemon } from '../daemon/daemon.js';
import { DataDirLock } from '../daemon/lock.js';
import type { ApiHttpServer } from '../headless/http-server.js';
import { openLoopbackApi } from '../headless/loopback-api.js';
import { ensureDataDir, loadSettings } from '../headless/settings.js';
import { appArgv } from './app-args.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { API_CHANNELS, EVENT_CHANNEL, OPEN_VIEW_CHANNEL } from './ipc-channels.js';
import { dispatchIpc } from './ipc-dispatch.js';
import { isWorking, KeepAwake } from './keep-awake.js';
import { LoginItem } from './login-item.js';
import { chooseKeyProvider } from './safe-storage-key-provider.js';
import { AppTray } from './tray.js';
import { utilityForkHost } from './utility-host-process.js';
import { trayMenuModel, type TrayAction } from './tray-menu.js';
import { hardenWebContents, WindowManager } from './windows.js';
import { isTrustedSenderUrl } from './web-preferences.js';

interface Running {
  readonly daemon: Daemon;
  readonly handlers: ApiHandlers;
  readonly server: ApiHttpServer;
  readonly lock: DataDirLock;
  readonly log: LoggerHandle;
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
    hardenWebContents(contents, (url) => running?.log.logger.warn({ mod: 'windows', url }, 'blocked navigation or window')),
  );

  let stopping = false;
  app.on('before-quit', (event) => {
    if (!running || stopping) return;
    event.preventDefault();
    stopping = true;
    void stop(running).finally(() => app.exit(0));
  });

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
  ensureDataDir(settings.dataDir);
  const lock = DataDirLock.acquire(settings.dataDir);
  const log = createLogger({ level: settings.logLevel, file: join(settings.dataDir, 'logs', 'signal-claude.log'), stderrLevel: 'warn', debugContent: settings.debugLogContent });
  const logger = log.logger;
  const keyProvider = chooseKeyProvider(settings.dataDir, safeStorage);
  logger.info({ mod: 'desktop', keys: keyProvider.description }, 'database key location');
  const daemon = Daemon.open({ settings, logger, keyProvider, version: appVersion(root), headless: false, forkCommandHost: utilityForkHost });
  const handlers = createApiHandlers(daemon, { quit: () => app.quit() });

  // Windows may ask for nothing (no camera, notifications, clipboard reads, …), and a check for
  // a permission (e.g. navigator.permissions.query) answers "denied" rather than Chromium's default.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(join(root, 'dist-renderer'));
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources');
  const windows = new WindowManager(join(root, 'dist', 'preload.cjs'), join(resourcesDir, 'icon.png'));
  registerIpc(handlers, windows, logger);

  // The same loopback API and dashboard as headless, so `signal-claude status` and a browser work too.
  const server = await openLoopbackApi({ daemon, handlers, root, port: settings.port, lock, logger });
  await daemon.start();
  process.stdout.write(`Dashboard: ${server.url}\n`);

  const loginItem = new LoginItem();
  const keepAwake = new KeepAwake(powerSaveBlocker);
  const tray = new AppTray(resourcesDir, (action, bounds) => onTrayAction(action, bounds));
  const refresh = async () => {
    const [prefs, list] = await Promise.all([handlers.preferences({}), handlers.sessions({})]);
    keepAwake.update({ enabled: prefs.values.keepAwake, working: isWorking(list.sessions.map((s) => s.state)) });
    tray.update(trayMenuModel(daemon.status(), list.sessions, loginItem.isEnabled(), loginItem.note()));
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
  daemon.events.subscribe((event: ApiEvent) => {
    for (const window of windows.all()) window.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'preferences' && loginItem.isEnabled() !== event.preferences.values.launchAtLogin) loginItem.set(event.preferences.values.launchAtLogin);
    if (event.type === 'preferences' || event.type === 'session' || event.type === 'session-removed' || event.type === 'status') {
      refresh().catch((error: unknown) => logger.warn({ mod: 'desktop', err: error }, 'tray refresh failed'));
    }
  });
  await refresh();
  exposeForE2e(tray, loginItem, windows);
  if (daemon.status().signal.state === 'unlinked') windows.open({ view: 'pairing' });
  logger.info({ mod: 'desktop', url: server.url.replace(/\?.*/, '') }, 'ready');
  return { daemon, handlers, server, lock, log, windows, tray };
}

function registerIpc(handlers: ApiHandlers, windows: WindowManager, logger: LoggerHandle['logger']): void {
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
      loginItemEnabled: () => loginItem.isEnabled(),
      openView: (view: AppView) => windows.open(view),
      /** Per open window, the webPreferences it was created with (undefined: not created by us). */
      windowPreferences: () => BrowserWindow.getAllWindows().map((w) => windows.webPreferencesOf(w) ?? null),
    },
  });
}

async function stop(running: Running): Promise<void> {
  const { server, daemon, lock, log, tray } = running;
  tray.destroy();
  await server.close().catch(() => undefined);
  await daemon.stop().catch((error: unknown) => log.logger.warn({ err: error }, 'daemon stop failed'));
  lock.release();
  log.close();
}
