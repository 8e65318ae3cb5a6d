// The headless CLI: flags → `status`, or settings → the shared host (host/start-host.ts) →
// every linking URL on stdout; SIGTERM/SIGINT → everything stopped in under 5 s. Every failure
// a user can cause ends as one clear line on stderr and a non-zero exit.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCliArgs, USAGE } from '../shared/cli-args.js';
import { appVersion, findAppRoot } from '../shared/app-info.js';
import { describeError } from '../shared/errors.js';
import type { Settings } from '../shared/config.js';
import type { DemoPhoneControl } from '../daemon/controls.js';
import { FileKeyProvider } from '../store/key-provider.js';
import { loadSettings } from '../host/settings.js';
import { processHost, startHost, type RunningHost } from '../host/start-host.js';
import { processIo, type Io } from './io.js';
import { LinkUrlPrinter } from './terminal-qr.js';
import { stopWithin } from '../host/shutdown-deadline.js';


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
  // The one-shot commands are imported when run: the daemon, which runs for weeks, does not hold
  // their code (the service command's plist/XML libraries alone are 0.4 MB of source).
  if (args.command === 'status') return (await import('./status-command.js')).printStatus(settings.dataDir, io);
  if (args.command === 'doctor') return (await import('./doctor-command.js')).runDoctor(settings, io);
  if (args.command === 'service' && args.serviceAction) {
    const { runServiceCommand } = await import('./service/service-command.js');
    const { processServiceHost } = await import('./service/supervisors.js');
    return runServiceCommand({
      action: args.serviceAction,
      dataDir: settings.dataDir,
      flags: args.settings,
      entry: join(root, 'dist', 'cli.js'),
      node: process.execPath,
      host: processServiceHost(env.HOME || homedir(), env),
      io,
    });
  }
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

/**
 * TEST ONLY. Names a worker entry (a file path) that agent workers run instead of the built
 * one, so the e2e suite can crash a built daemon's worker on purpose (e2e/helpers/workers/).
 * The daemon says so on stderr at start; nothing a user sets up uses it.
 */
export const TEST_WORKER_ENV = 'SIGNAL_CLAUDE_TEST_WORKER';

/** The shared host (key file, Quit = SIGTERM) plus every linking URL on stdout. Throws on failure (nothing left running). */
export async function startHeadless(options: HeadlessOptions): Promise<RunningHost> {
  const { settings, root, io } = options;
  const running = await startHost({
    settings,
    root,
    print: io.stdout,
    keyProvider: (dataDir) => new FileKeyProvider(dataDir),
    host: processHost,
    headless: true,
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    ...(options.demo ? { demo: options.demo } : {}),
  });
  if (options.printLinkUrls ?? true) {
    // Every linking URL is printed (with its QR on a terminal) so a terminal user can always pair.
    try {
      const links = new LinkUrlPrinter(io);
      running.daemon.events.subscribe((event) => {
        if (event.type === 'pairing' && event.pairing.url) void links.print(event.pairing.url);
      });
      const pairing = running.daemon.pairing.current();
      if (pairing.url) await links.print(pairing.url);
    } catch (error) {
      await running.stop();
      throw error;
    }
  }
  return running;
}

async function runDaemon(settings: Settings, root: string, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const testWorker = env[TEST_WORKER_ENV];
  if (testWorker) io.stderr(`signal-claude: TEST ONLY: agent workers run ${testWorker} (${TEST_WORKER_ENV} is set).`);
  let running: RunningHost;
  try {
    running = await startHeadless({ settings, root, io, ...(testWorker ? { workerUrl: pathToFileURL(resolve(testWorker)) } : {}) });
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    return 1;
  }
  return untilSignal(running);
}

/** Runs until SIGTERM/SIGINT (or an uncaught exception), then stops everything within the 5-second contract. */
export function untilSignal(running: RunningHost): Promise<number> {
  const logger = running.logger;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (reason: string, code: number) => {
      if (stopping) return;
      stopping = true;
      logger.info({ mod: 'headless', reason }, 'stopping');
      void stopWithin(() => running.stop()).then((outcome) => {
        if (outcome === 'deadline') {
          logger.error({ mod: 'headless' }, 'shutdown deadline passed; exiting');
          running.releaseLock();
          process.exit(code || 1);
        }
        if (outcome === 'failed') logger.error({ mod: 'headless' }, 'stopping failed; exiting');
        resolve(outcome === 'failed' ? code || 1 : code);
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
