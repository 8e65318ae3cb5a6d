// The headless daemon's life: settings → data folder → lock → logger → daemon → loopback
// server → "Dashboard:" line; SIGTERM/SIGINT → everything stopped in under 5 s. Every failure
// a user can cause ends as one clear line on stderr and a non-zero exit.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCliArgs, USAGE } from '../shared/cli-args.js';
import { appVersion, findAppRoot } from '../shared/app-info.js';
import { AppError, describeError } from '../shared/errors.js';
import type { Settings } from '../shared/config.js';
import { createLogger, type Logger, type LoggerHandle } from '../shared/logger.js';
import { createApiHandlers } from '../daemon/api-handlers.js';
import type { DemoPhoneControl } from '../daemon/controls.js';
import { Daemon } from '../daemon/daemon.js';
import { DataDirLock } from '../daemon/lock.js';
import { FileKeyProvider } from '../store/key-provider.js';
import type { ApiHttpServer } from './http-server.js';
import { openLoopbackApi } from './loopback-api.js';
import { ensureDataDir, loadSettings } from './settings.js';
import { printStatus } from './status-command.js';
import { runDoctor } from './doctor-command.js';
import { LinkUrlPrinter } from './terminal-qr.js';

export interface Io {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** A person is watching (draw the pairing QR code), not a script. */
  readonly isTerminal: boolean;
}

const processIo: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  isTerminal: process.stdout.isTTY === true,
};

/** Hard limit between SIGTERM and exit, whatever a service does. */
const SHUTDOWN_DEADLINE_MS = 4500;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, io: Io = processIo): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    return 2;
  }
  const root = findAppRoot();
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.version) {
    io.stdout(appVersion(root));
    return 0;
  }
  let settings;
  try {
    settings = loadSettings(args.settings, env);
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    return 2;
  }
  if (args.command === 'status') return printStatus(settings.dataDir, io);
  if (args.command === 'doctor') return runDoctor(settings, io);
  return runDaemon(settings, root, io, env);
}

export interface HeadlessOptions {
  readonly settings: Settings;
  /** The app's folder (package.json, dist-renderer/). */
  readonly root: string;
  readonly io: Io;
  /** Print each linking URL (and its QR on a terminal). Default true. */
  readonly printLinkUrls?: boolean;
  /** Tests only: agent workers from another entry (see TEST_WORKER_ENV). */
  readonly workerUrl?: URL;
  /** `npm run demo` only: the simulated phone behind the page's DEMO panel. */
  readonly demo?: DemoPhoneControl;
}

export interface RunningHeadless {
  readonly daemon: Daemon;
  readonly logger: Logger;
  /** The Dashboard URL (with the token). */
  readonly url: string;
  /** Stops the server and the daemon, releases the lock, closes the log. Idempotent. */
  stop(): Promise<void>;
  /** Releases the data-folder lock at once (before a forced exit). */
  releaseLock(): void;
}

/**
 * TEST ONLY. Names a worker entry (a file path) that agent workers run instead of the built
 * one, so the e2e suite can crash a built daemon's worker on purpose (e2e/helpers/workers/).
 * The daemon says so on stderr at start; nothing a user sets up uses it.
 */
export const TEST_WORKER_ENV = 'SIGNAL_CLAUDE_TEST_WORKER';

/** Starts the whole headless app: data folder, lock, log, daemon, loopback server. Throws on failure (nothing left running). */
export async function startHeadless(options: HeadlessOptions): Promise<RunningHeadless> {
  const { settings, root, io } = options;
  let lock: DataDirLock | undefined;
  let log: LoggerHandle | undefined;
  let daemon: Daemon | undefined;
  let server: ApiHttpServer | undefined;
  try {
    ensureDataDir(settings.dataDir);
    lock = DataDirLock.acquire(settings.dataDir);
    log = createLogger({
      level: settings.logLevel,
      file: join(settings.dataDir, 'logs', 'signal-claude.log'),
      stderrLevel: 'warn',
      debugContent: settings.debugLogContent,
    });
    const logger = log.logger;
    daemon = Daemon.open({
      settings,
      logger,
      keyProvider: new FileKeyProvider(settings.dataDir),
      version: appVersion(root),
      headless: true,
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.demo ? { demo: options.demo } : {}),
    });
    server = await openLoopbackApi({ daemon, handlers: createApiHandlers(daemon), root, port: settings.port, lock, logger });
    await daemon.start();
    io.stdout(`Dashboard: ${server.url}`);
    if (options.printLinkUrls ?? true) {
      // Every linking URL is printed (with its QR on a terminal) so a terminal user can always pair.
      const links = new LinkUrlPrinter(io);
      daemon.events.subscribe((event) => {
        if (event.type === 'pairing' && event.pairing.url) void links.print(event.pairing.url);
      });
      const pairing = daemon.pairing.current();
      if (pairing.url) await links.print(pairing.url);
    }
    logger.info({ mod: 'headless', url: server.url.replace(/\?.*/, '') }, 'ready');
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
    logger: h.logger,
    url: s.url,
    stop: () =>
      (stopped ??= (async () => {
        await s.close().catch((error: unknown) => h.logger.warn({ err: error }, 'server close failed'));
        await d.stop().catch((error: unknown) => h.logger.warn({ err: error }, 'daemon stop failed'));
        l.release();
        h.close();
      })()),
    releaseLock: () => l.release(),
  };
}

async function runDaemon(settings: Settings, root: string, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const testWorker = env[TEST_WORKER_ENV];
  if (testWorker) io.stderr(`signal-claude: TEST ONLY: agent workers run ${testWorker} (${TEST_WORKER_ENV} is set).`);
  let running: RunningHeadless;
  try {
    running = await startHeadless({ settings, root, io, ...(testWorker ? { workerUrl: pathToFileURL(resolve(testWorker)) } : {}) });
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    return 1;
  }
  return untilSignal(running);
}

/** Runs until SIGTERM/SIGINT (or an uncaught exception), then stops everything within the 5-second contract. */
export function untilSignal(running: RunningHeadless): Promise<number> {
  const logger = running.logger;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (reason: string, code: number) => {
      if (stopping) return;
      stopping = true;
      logger.info({ mod: 'headless', reason }, 'stopping');
      const deadline = setTimeout(() => {
        logger.error({ mod: 'headless' }, 'shutdown deadline passed; exiting');
        running.releaseLock();
        process.exit(code || 1);
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      void running.stop().then(() => {
        clearTimeout(deadline);
        resolve(code);
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM', 0));
    process.once('SIGINT', () => shutdown('SIGINT', 0));
    process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
    process.once('uncaughtException', (error) => {
      logger.fatal({ err: error }, 'uncaught exception');
      shutdown('uncaught exception', 1);
    });
  });
}
