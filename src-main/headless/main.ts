// The headless daemon's life: settings → data folder → lock → logger → daemon → loopback
// server → "Dashboard:" line; SIGTERM/SIGINT → everything stopped in under 5 s. Every failure
// a user can cause ends as one clear line on stderr and a non-zero exit.
import { join } from 'node:path';
import { parseCliArgs, USAGE } from '../shared/cli-args.js';
import { appVersion, findAppRoot } from '../shared/app-info.js';
import { AppError, describeError } from '../shared/errors.js';
import { createLogger, type LoggerHandle } from '../shared/logger.js';
import { createApiHandlers } from '../daemon/api-handlers.js';
import { Daemon } from '../daemon/daemon.js';
import { DataDirLock } from '../daemon/lock.js';
import { FileKeyProvider } from '../store/key-provider.js';
import type { ApiHttpServer } from './http-server.js';
import { openLoopbackApi } from './loopback-api.js';
import { ensureDataDir, loadSettings } from './settings.js';
import { printStatus } from './status-command.js';
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
  return runDaemon(settings, root, io);
}

async function runDaemon(settings: ReturnType<typeof loadSettings>, root: string, io: Io): Promise<number> {
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
    daemon = Daemon.open({ settings, logger, keyProvider: new FileKeyProvider(settings.dataDir), version: appVersion(root), headless: true });
    server = await openLoopbackApi({ daemon, handlers: createApiHandlers(daemon), root, port: settings.port, lock, logger });
    await daemon.start();
    io.stdout(`Dashboard: ${server.url}`);
    // Every linking URL is printed (with its QR on a terminal) so a terminal user can always pair.
    const links = new LinkUrlPrinter(io);
    daemon.events.subscribe((event) => {
      if (event.type === 'pairing' && event.pairing.url) void links.print(event.pairing.url);
    });
    const pairing = daemon.pairing.current();
    if (pairing.url) await links.print(pairing.url);
    logger.info({ mod: 'headless', url: server.url.replace(/\?.*/, '') }, 'ready');
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    if (!(error instanceof AppError)) log?.logger.error({ err: error }, 'start failed');
    await server?.close().catch(() => undefined);
    await daemon?.stop().catch(() => undefined);
    lock?.release();
    log?.close();
    return 1;
  }

  const logger = log.logger;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (reason: string, code: number) => {
      if (stopping) return;
      stopping = true;
      logger.info({ mod: 'headless', reason }, 'stopping');
      const deadline = setTimeout(() => {
        logger.error({ mod: 'headless' }, 'shutdown deadline passed; exiting');
        lock?.release();
        process.exit(code || 1);
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      void (async () => {
        await server?.close().catch((error: unknown) => logger.warn({ err: error }, 'server close failed'));
        await daemon?.stop().catch((error: unknown) => logger.warn({ err: error }, 'daemon stop failed'));
        lock?.release();
        log?.close();
        clearTimeout(deadline);
        resolve(code);
      })();
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
