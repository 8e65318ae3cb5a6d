// Shared set-up of the Signal benchmarks: Signal's mock server and the simulated phone in a child
// process (bench/lib/mock-phone-host.ts), and this app's SignalService linked to it in this
// process on a real SQLCipher store in a temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src-main/shared/logger.js';
import { loadServerConfig } from '../../src-main/signal/server-config.js';
import { SignalService, type SignalServiceOptions } from '../../src-main/signal/service.js';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { waitForPairingUrl, waitForState } from '../../test/helpers/signal-service.js';

const HOST = fileURLToPath(new URL('./mock-phone-host.ts', import.meta.url));

export interface PhoneHost {
  readonly configPath: string;
  readonly pid: number | undefined;
  request<T>(command: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startPhoneHost(): Promise<PhoneHost> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', HOST], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const configPath = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /CONFIG (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`phone host exited with ${code}`)));
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id: number; error?: string }) => {
    const w = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) w?.reject(new Error(message.error));
    else w?.resolve(message);
  });
  return {
    configPath,
    pid: child.pid,
    request<T>(command: Record<string, unknown>) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, ...command });
      });
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export interface BenchApp {
  readonly service: SignalService;
  readonly store: Store;
  /** How the phone host names this device. */
  readonly deviceKey: string;
  close(): Promise<void>;
}

/** This app's Signal service on a fresh store, linked to the host's phone. */
export async function linkedApp(host: PhoneHost, options: Pick<SignalServiceOptions, 'keepEvent'> = {}): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-signal-'));
  const store = Store.open({ path: join(dir, DATABASE_FILE), key: randomBytes(32) });
  const service = new SignalService({ store, logger: silentLogger(), serverConfig: loadServerConfig(host.configPath), deviceName: 'Bench', ...options });
  await service.start();
  const url = await waitForPairingUrl(service);
  const { deviceKey } = await host.request<{ deviceKey: string }>({ cmd: 'link', url });
  await waitForState(service, 'connected');
  return {
    service,
    store,
    deviceKey,
    async close() {
      await service.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
