// The whole app for the benchmarks that look at what the owner experiences: a real Daemon in this
// process (encrypted store, Signal link, sessions with agent workers from the bundled entry, as
// shipped, and the chat layer), linked to the phone that lives in its own process
// (mock-phone-host.ts), and Claude played by the local Anthropic-compatible server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daemon } from '../../src-main/daemon/daemon.js';
import { loadSettings } from '../../src-main/host/settings.js';
import type { Settings } from '../../src-main/shared/config.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import type { Project } from '../../src-main/store/projects-repo.js';
import { bundledWorkerUrl } from '../../test/agent/worker-bundle.js';
import { waitForPairingUrl, waitForState } from '../../test/helpers/signal-service.js';
import type { PhoneHost } from './signal-setup.js';

export interface BenchDaemon {
  readonly daemon: Daemon;
  /** How the phone host names the linked device. */
  readonly deviceKey: string;
  /** A project folder registered with the app. */
  project(name: string): Project;
  close(): Promise<void>;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

export async function linkedDaemon(host: PhoneHost, claudeUrl: string, settings: Partial<Settings> = {}): Promise<BenchDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-app-'));
  const dataDir = join(dir, 'data');
  const root = join(dir, 'code');
  mkdirSync(root, { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const loaded = loadSettings(
    {
      dataDir,
      signalConfig: host.configPath,
      projectRoots: [root],
      anthropicApiKey: 'sk-ant-bench-local-server',
      anthropicBaseUrl: claudeUrl,
      model: 'claude-sonnet-4-6',
      permissionMode: 'bypassPermissions',
      ...settings,
    },
    {},
  );
  const daemon = Daemon.open({
    settings: loaded,
    logger: silentLogger(),
    keyProvider: new FileKeyProvider(dataDir),
    version: '0.0.0-bench',
    headless: true,
    workerUrl: await bundledWorkerUrl(),
  });
  await daemon.start();
  const url = await waitForPairingUrl(daemon.services.signal);
  const { deviceKey } = await host.request<{ deviceKey: string }>({ cmd: 'link', url });
  await waitForState(daemon.services.signal, 'connected');
  return {
    daemon,
    deviceKey,
    project(name) {
      mkdirSync(join(root, name), { recursive: true });
      return daemon.services.projects.add(name);
    },
    async close() {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ShownItem {
  readonly kind: 'notify' | 'silent' | 'edit';
  readonly at: number;
  readonly timestamp: number;
  readonly body: string;
}

/** What the phone showed since `since` (epoch ms), polled until `done` says enough. */
export async function waitShown(host: PhoneHost, since: number, done: (items: ShownItem[]) => boolean, timeoutMs = 60_000): Promise<ShownItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { items } = await host.request<{ items: ShownItem[] }>({ cmd: 'shown', since });
    if (done(items)) return items;
    if (Date.now() > deadline) throw new Error(`the phone did not show what was expected in ${timeoutMs} ms (it showed ${items.length} items)`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
