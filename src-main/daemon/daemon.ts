// The composition root: builds every service once, hands each what it needs, starts them in
// order and stops them in reverse. Nothing else in the backend creates services or reaches for
// globals, so tests build a Daemon with a temp data dir and loopback servers.
import { join } from 'node:path';
import type { Health, ServiceHealth, Status } from '../shared/api.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Settings } from '../shared/config.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { DATABASE_FILE, Store } from '../store/database.js';
import type { KeyProvider } from '../store/key-provider.js';
import { EventBus } from './event-bus.js';
import type { Service } from './service.js';

export interface DaemonOptions {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly keyProvider: KeyProvider;
  readonly version: string;
  readonly headless: boolean;
  readonly clock?: Clock;
}

/** Each service gets this long to stop; the whole daemon must be down within 5 s of SIGTERM. */
const STOP_TIMEOUT_MS = 3000;

export class Daemon {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly store: Store;
  readonly events = new EventBus();
  readonly clock: Clock;
  private readonly services: Service[] = [];
  private readonly version: string;
  private readonly headless: boolean;
  private readonly startedAt: number;
  private state: 'built' | 'starting' | 'running' | 'stopping' | 'stopped' = 'built';

  private constructor(options: DaemonOptions, store: Store) {
    this.settings = options.settings;
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.version = options.version;
    this.headless = options.headless;
    this.store = store;
    this.startedAt = this.clock.now();
  }

  /** Opens the store and builds the services. Throws AppErrors meant for the user. */
  static open(options: DaemonOptions): Daemon {
    const dbPath = join(options.settings.dataDir, DATABASE_FILE);
    const isNew = !options.keyProvider.exists();
    const key = options.keyProvider.load({ create: isNew });
    const store = Store.open({ path: dbPath, key, logger: options.logger.child({ mod: 'store' }) });
    const daemon = new Daemon(options, store);
    daemon.buildServices();
    return daemon;
  }

  private buildServices(): void {
    // Services are added here as the product grows (signal link, sessions, chat, outbox sender).
  }

  async start(): Promise<void> {
    this.state = 'starting';
    for (const service of this.services) {
      this.logger.debug({ mod: 'daemon', service: service.name }, 'starting');
      await service.start();
    }
    this.state = 'running';
    this.logger.info({ mod: 'daemon', services: this.services.map((s) => s.name) }, 'daemon running');
  }

  /** Stops services in reverse order, each bounded in time, then closes the store. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    this.state = 'stopping';
    for (const service of [...this.services].reverse()) {
      try {
        await withTimeout(service.stop(), STOP_TIMEOUT_MS, `${service.name} did not stop in time`);
      } catch (error) {
        this.logger.warn({ mod: 'daemon', service: service.name, err: error }, 'stop failed');
      }
    }
    this.store.close();
    this.state = 'stopped';
    this.logger.info({ mod: 'daemon' }, 'daemon stopped');
  }

  health(): Health {
    const services: Record<string, ServiceHealth> = {};
    for (const s of this.services) services[s.name] = s.health();
    let store: Health['store'];
    try {
      store = { ok: this.store.isOpen, schemaVersion: this.store.schemaVersion() };
    } catch (error) {
      store = { ok: false, schemaVersion: 0, detail: describeError(error) };
    }
    const ok = store.ok && this.state === 'running' && Object.values(services).every((s) => s.state === 'running');
    return { ok, uptimeMs: this.clock.now() - this.startedAt, store, services };
  }

  status(): Status {
    return {
      app: { name: 'signal-claude', version: this.version, pid: process.pid, startedAt: new Date(this.startedAt).toISOString(), headless: this.headless },
      signal: { state: 'unlinked', identityChanges: 0 },
      health: this.health(),
      sessions: { total: 0, active: 0, crashed: 0 },
      pendingApprovals: 0,
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
