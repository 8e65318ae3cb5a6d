// The composition root: builds every service once, hands each what it needs, starts them in
// order and stops them in reverse. Nothing else in the backend creates services or reaches for
// globals, so tests build a Daemon with a temp data dir and loopback servers.
import { join } from 'node:path';
import type { ApiEvent, Health, ServiceHealth, Status } from '../shared/api.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Settings } from '../shared/config.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { DATABASE_FILE, Store } from '../store/database.js';
import type { KeyProvider } from '../store/key-provider.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import { SecretsRepo } from '../store/secrets-repo.js';
import type { SignalServiceOptions } from '../signal/service.js';
import { buildServices, type ServiceDeps, type Services } from './build-services.js';
import type { ApprovalsControl, DemoPhoneControl, PairingControl, ProjectsControl, SessionsControl } from './controls.js';
import { EventBus } from './event-bus.js';
import type { ComputersControl } from './computers-control.js';
import { diskSpace, healthProblems } from './health.js';
import { pairingControl } from './pairing-control.js';
import { PreferencesControl } from './preferences-control.js';
import type { Service } from '../shared/service.js';
import { approvalsControl, projectsControl, sessionsControl } from './session-controls.js';
import { SessionsService } from './sessions-service.js';

export interface DaemonOptions {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly keyProvider: KeyProvider;
  readonly version: string;
  readonly headless: boolean;
  readonly clock?: Clock;
  /** Tests: agent workers from another entry (fault injection). */
  readonly workerUrl?: URL;
  /** The Electron app: start the command host and the session host with utilityProcess.fork. */
  readonly forkCommandHost?: ServiceDeps['forkCommandHost'];
  /** Tests: faster keepalive / reconnect / QR renewal. */
  readonly signalTiming?: SignalServiceOptions['timing'];
  /** Tests: a shorter wait for a silent model stream (default 120 s). */
  readonly agentTiming?: ServiceDeps['agentTiming'];
  /** Tests: shorter waits for another computer's answer (several computers on one account). */
  readonly chatTiming?: ServiceDeps['chatTiming'];
  /** `npm run demo` only: the simulated phone shown in the page's DEMO panel (see DemoPhoneControl). */
  readonly demo?: DemoPhoneControl;
}

/** Each service gets this long to stop; the whole daemon must be down within 5 s of SIGTERM. */
const STOP_TIMEOUT_MS = 3000;

export class Daemon {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly store: Store;
  readonly events = new EventBus();
  readonly clock: Clock;
  readonly preferences: PreferencesControl;
  readonly services: Services;
  readonly sessions: SessionsControl;
  readonly approvals: ApprovalsControl;
  readonly pairing: PairingControl;
  readonly projects: ProjectsControl;
  readonly computers: ComputersControl;
  readonly demo: DemoPhoneControl | undefined;
  private readonly lifecycle: Service[];
  private readonly version: string;
  private readonly headless: boolean;
  private readonly startedAt: number;
  private live: Settings;
  private state: 'built' | 'starting' | 'running' | 'stopping' | 'stopped' = 'built';

  private constructor(options: DaemonOptions, store: Store) {
    this.settings = options.settings;
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.version = options.version;
    this.headless = options.headless;
    this.store = store;
    this.startedAt = this.clock.now();
    this.preferences = new PreferencesControl({ dataDir: options.settings.dataDir, startup: options.settings, secrets: new SecretsRepo(store), events: this.events });
    this.live = this.preferences.effective();
    this.services = buildServices({
      store,
      logger: options.logger,
      clock: this.clock,
      events: this.events,
      preferences: this.preferences,
      settings: () => this.live,
      appStatusLine: () => this.statusLine(),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.forkCommandHost ? { forkCommandHost: options.forkCommandHost } : {}),
      ...(options.signalTiming ? { signalTiming: options.signalTiming } : {}),
      ...(options.agentTiming ? { agentTiming: options.agentTiming } : {}),
      ...(options.chatTiming ? { chatTiming: options.chatTiming } : {}),
    });
    const { signal, supervisor, approvals, chat, commands } = this.services;
    // A key the owner sets reaches the running sessions' next request; otherwise a worker would
    // keep the key it started with, and its refusals would count against the new one. A key the
    // owner removes (perhaps because it leaked) is not used again: the next request ends its turn.
    let apiKey = this.preferences.anthropicApiKey();
    this.events.subscribe((event) => {
      if (event.type !== 'preferences') return;
      const next = this.preferences.anthropicApiKey();
      if (next !== apiKey) supervisor.setApiKey(next ?? '');
      apiKey = next;
    });
    this.lifecycle = [commands, signal, new SessionsService(supervisor, this.services.sessionHost), chat];
    this.sessions = sessionsControl(supervisor, store);
    this.approvals = approvalsControl(approvals, store);
    this.pairing = pairingControl(signal);
    this.projects = projectsControl(this.services.projects, this.services.removal);
    this.computers = this.services.computersView;
    this.preferences.showLinkedName(() => signal.status().account?.deviceName);
    this.demo = options.demo;
    const demo = options.demo;
    demo?.onChange(() => this.events.publish({ type: 'demo-phone', messages: demo.messages() }));
    // Late events from a service that is still winding down are not worth a status after stop.
    signal.on('status', () => {
      if (this.state !== 'stopped') this.events.publish({ type: 'status', status: this.status() });
    });
    signal.on('pairing', (pairing) => {
      if (this.state !== 'stopped') this.events.publish({ type: 'pairing', pairing });
    });
    this.events.subscribe((event) => {
      if (event.type === 'preferences') this.live = this.preferences.effective();
    });
  }

  /** Opens the store and builds the services. Throws AppErrors meant for the user. */
  static open(options: DaemonOptions): Daemon {
    const dbPath = join(options.settings.dataDir, DATABASE_FILE);
    const isNew = !options.keyProvider.exists();
    const key = options.keyProvider.load({ create: isNew });
    const store = Store.open({ path: dbPath, key, logger: options.logger.child({ mod: 'store' }) });
    try {
      return new Daemon(options, store);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  /** The settings in effect now (start-up settings with later preference changes applied). */
  currentSettings(): Settings {
    return this.live;
  }

  async start(): Promise<void> {
    this.state = 'starting';
    for (const service of this.lifecycle) {
      this.logger.debug({ mod: 'daemon', service: service.name }, 'starting');
      await service.start();
    }
    this.state = 'running';
    this.logger.info({ mod: 'daemon', services: this.lifecycle.map((s) => s.name) }, 'daemon running');
  }

  /** Stops services in reverse order, each bounded in time, then closes the store. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    this.state = 'stopping';
    for (const service of [...this.lifecycle].reverse()) {
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
    for (const s of this.lifecycle) services[s.name] = s.health();
    let store: Health['store'];
    try {
      store = { ok: this.store.isOpen, schemaVersion: this.store.schemaVersion() };
    } catch (error) {
      store = { ok: false, schemaVersion: 0, detail: describeError(error) };
    }
    const problems = store.ok
      ? healthProblems({
          now: this.clock.now(),
          signal: this.services.signal.status(),
          anthropicKeySet: this.preferences.anthropicApiKey() !== undefined,
          anthropicKeyRejected: this.services.apiKey.rejection(),
          oldestPendingAt: new OutboxRepo(this.store, () => this.clock.now()).oldestPendingAt(),
          undelivered: this.services.undelivered.unseen(),
          disk: diskSpace(this.settings.dataDir),
          commandHost: this.state === 'running' ? services[this.services.commands.name] : undefined,
          sendHold: this.services.signal.sendHold(),
        })
      : [];
    const servicesOk = this.lifecycle.every((s) => s.optional === true || services[s.name]?.state === 'running');
    const ok = store.ok && this.state === 'running' && servicesOk && problems.length === 0;
    return { ok, problems, uptimeMs: this.clock.now() - this.startedAt, store, services };
  }

  status(): Status {
    const open = this.store.isOpen;
    return {
      app: { name: 'signal-claude', version: this.version, pid: process.pid, startedAt: new Date(this.startedAt).toISOString(), headless: this.headless },
      signal: this.services.signal.status(),
      health: this.health(),
      sessions: open ? this.services.supervisor.counts() : { total: 0, active: 0, crashed: 0 },
      pendingApprovals: open ? this.services.approvals.pending().length : 0,
    };
  }

  /** What a new UI connection gets first, so it starts from the current state. */
  snapshot(): ApiEvent[] {
    return [
      { type: 'status', status: this.status() },
      { type: 'pairing', pairing: this.pairing.current() },
      ...this.sessions.list().map((session): ApiEvent => ({ type: 'session', session })),
      ...(this.demo ? [{ type: 'demo-phone', messages: this.demo.messages() } satisfies ApiEvent] : []),
    ];
  }

  private statusLine(): string {
    const s = this.services.signal.status();
    const c = this.services.supervisor.counts();
    return `🖥 Signal Claude ${this.version} · Signal ${s.state} · ${c.total} session${c.total === 1 ? '' : 's'} (${c.active} working${c.crashed ? `, ${c.crashed} crashed` : ''})`;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
