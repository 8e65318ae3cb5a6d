// A SignalService linked to a mock-server phone, the way the daemon builds it: real SQLCipher
// store in a temp folder, server config read from the mock's --signal-config file.
import type { TestContext } from 'node:test';
import type { SignalState } from '../../src-main/shared/api.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import type { InboundEvent } from '../../src-main/signal/receive/inbound-events.js';
import { loadServerConfig } from '../../src-main/signal/server-config.js';
import { SignalService, type SignalServiceOptions } from '../../src-main/signal/service.js';
import type { Device, MockSignal } from './mock-signal.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { tempDir } from './temp.js';
import { defer } from './defer.js';

export { defer };

export interface LinkedService {
  readonly service: SignalService;
  readonly store: Store;
  /** The computer as the mock server knows it. */
  readonly device: Device;
}

/** A real SQLCipher store in a temp folder, closed after the services using it stopped. */
export function openSignalStore(t: Pick<TestContext, 'after'>, dir = tempDir(t), key = randomBytes(32)): Store {
  const store = Store.open({ path: join(dir, DATABASE_FILE), key });
  defer(t, () => store.close());
  return store;
}

export function createSignalService(t: Pick<TestContext, 'after'>, mock: MockSignal, options: Partial<SignalServiceOptions> = {}): SignalService {
  const service = new SignalService({
    store: options.store ?? openSignalStore(t),
    logger: silentLogger(),
    serverConfig: loadServerConfig(mock.configPath),
    deviceName: 'Test Computer',
    ...options,
  });
  defer(t, () => service.stop());
  return service;
}

export function waitForPairingUrl(service: SignalService, timeoutMs = 20_000): Promise<string> {
  return waitForEvent(service, 'pairing', () => service.pairing().url ?? undefined, timeoutMs);
}

export function waitForState(service: SignalService, state: SignalState, timeoutMs = 20_000): Promise<void> {
  return waitForEvent(service, 'status', () => (service.status().state === state ? true : undefined), timeoutMs).then(() => undefined);
}

/** Resolves with the first inbound event matching `predicate` (without marking it handled). */
export function waitForInbound(service: SignalService, predicate: (event: InboundEvent) => boolean, timeoutMs = 20_000): Promise<InboundEvent> {
  return waitForEvent(service, 'inbound', () => service.pendingInbound(1000).find(predicate), timeoutMs);
}

function waitForEvent<T>(service: SignalService, event: 'pairing' | 'status' | 'inbound', check: () => T | undefined, timeoutMs: number): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}; state ${service.status().state}${service.status().lastError ? ` (${service.status().lastError})` : ''}`));
    }, timeoutMs);
    const off = service.on(event, () => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Starts a service on a fresh store and links it to the mock's phone. */
export async function linkSignalService(t: Pick<TestContext, 'after'>, mock: MockSignal, options: Partial<SignalServiceOptions> = {}): Promise<LinkedService> {
  const store = options.store ?? openSignalStore(t);
  const service = createSignalService(t, mock, { ...options, store });
  await service.start();
  const url = await waitForPairingUrl(service);
  const device = await mock.completeLink(url);
  await waitForState(service, 'connected');
  return { service, store, device };
}

/** Resolves when the outbox row was accepted by the server (rejects if it failed for good). */
export async function waitForSent(service: SignalService, outboxId: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = service.outboxStatus(outboxId);
    if (status?.status === 'sent') return;
    if (status?.status === 'failed') throw new Error(`outbox ${outboxId} failed: ${status.lastError}`);
    if (Date.now() > deadline) throw new Error(`outbox ${outboxId} still ${status?.status} (${status?.lastError ?? 'no error'})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
