// The one start sequence both front doors use (headless CLI and Electron app): data folder →
// lock → log → daemon → loopback API → start → "Dashboard:" line, and the matching stop. A start
// that fails leaves nothing running (server closed, daemon stopped, lock released, log closed)
// and throws, so each front door only has to show the error its own way.
import { join } from 'node:path';
import { appVersion } from '../shared/app-info.js';
import type { Settings } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { createLogger, type Logger, type LoggerHandle } from '../shared/logger.js';
import type { KeyProvider } from '../store/key-provider.js';
import type { ForkHost } from '../agent/index.js';
import { createApiHandlers, type ApiHandlers } from '../daemon/api-handlers.js';
import type { DemoPhoneControl, HostControl } from '../daemon/controls.js';
import { Daemon } from '../daemon/daemon.js';
import { DataDirLock } from '../daemon/lock.js';
import type { ApiHttpServer } from './http-server.js';
import { openLoopbackApi } from './loopback-api.js';
import { ensureDataDir } from './settings.js';
import { SettleGc } from './settle-gc.js';

export interface HostOptions {
  readonly settings: Settings;
  /** The app's folder (package.json, dist-renderer/). */
  readonly root: string;
  /** Where the `Dashboard:` line goes (stdout: scripts and tests read it). */
  readonly print: (line: string) => void;
  /** Where the database key lives: a key file headless, the OS key store in Electron. */
  readonly keyProvider: (dataDir: string) => KeyProvider;
  /** What the API's Quit does in this process. */
  readonly host: HostControl;
  readonly headless: boolean;
  /** The Electron app: start the command host with utilityProcess.fork (RunAsNode fuse off). */
  readonly forkCommandHost?: ForkHost;
  /** Tests only: agent workers from another entry (see TEST_WORKER_ENV). */
  readonly workerUrl?: URL;
  /** `npm run demo` only: the simulated phone behind the page's DEMO panel. */
  readonly demo?: DemoPhoneControl;
}

export interface RunningHost {
  readonly daemon: Daemon;
  readonly handlers: ApiHandlers;
  readonly logger: Logger;
  /** The Dashboard URL (with the token). */
  readonly url: string;
  /** Stops the server and the daemon, releases the lock, closes the log. Idempotent. */
  stop(): Promise<void>;
  /** Releases the data-folder lock at once (before a forced exit). */
  releaseLock(): void;
}

/** Headless: Quit stops the daemon the way SIGTERM does (orderly, within 5 s). */
export const processHost: HostControl = {
  quit: () => process.kill(process.pid, 'SIGTERM'),
};

/** Starts the daemon and its loopback API. Throws on failure, with nothing left running. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { settings, root } = options;
  let lock: DataDirLock | undefined;
  let log: LoggerHandle | undefined;
  let daemon: Daemon | undefined;
  let server: ApiHttpServer | undefined;
  let handlers: ApiHandlers;
  const settleGc = new SettleGc();
  let unsubscribeSettle = (): void => undefined;
  try {
    ensureDataDir(settings.dataDir);
    lock = await DataDirLock.acquire(settings.dataDir);
    log = createLogger({
      level: settings.logLevel,
      file: join(settings.dataDir, 'logs', 'signal-claude.log'),
      stderrLevel: 'warn',
      debugContent: settings.debugLogContent,
    });
    const logger = log.logger;
    const keyProvider = options.keyProvider(settings.dataDir);
    logger.info({ mod: 'host', keys: keyProvider.description }, 'database key location');
    daemon = Daemon.open({
      settings,
      logger,
      keyProvider,
      version: appVersion(root),
      headless: options.headless,
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.forkCommandHost ? { forkCommandHost: options.forkCommandHost } : {}),
      ...(options.demo ? { demo: options.demo } : {}),
    });
    handlers = createApiHandlers(daemon, options.host);
    server = await openLoopbackApi({ daemon, handlers, root, port: settings.port, lock, logger });
    await daemon.start();
    options.print(`Dashboard: ${server.url}`);
    logger.info({ mod: 'host', url: server.url.replace(/\?.*/, '') }, 'ready');
    // Idle after start-up, linking or a reconnect should hold no more than idle needs.
    settleGc.arm();
    unsubscribeSettle = daemon.events.subscribe((event) => {
      if (event.type === 'pairing' && event.pairing.state === 'connected') settleGc.arm();
    });
  } catch (error) {
    if (!(error instanceof AppError)) log?.logger.error({ err: error }, 'start failed');
    await server?.close().catch(() => undefined);
    await daemon?.stop().catch(() => undefined);
    lock?.release();
    log?.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const [s, d, l, h] = [server, daemon, lock, log];
  return {
    daemon: d,
    handlers,
    logger: h.logger,
    url: s.url,
    stop: () =>
      (stopped ??= (async () => {
        unsubscribeSettle();
        settleGc.cancel();
        await s.close().catch((error: unknown) => h.logger.warn({ err: error }, 'server close failed'));
        await d.stop().catch((error: unknown) => h.logger.warn({ err: error }, 'daemon stop failed'));
        l.release();
        h.close();
      })()),
    releaseLock: () => l.release(),
  };
}
