// The whole product in one test: Signal's mock server with the owner's phone, the local
// Anthropic-compatible server playing Claude, and a real Daemon (encrypted store, Signal link,
// sessions with real agent worker threads, chat layer) linked to the phone like a user would.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Daemon, type DaemonOptions } from '../../src-main/daemon/daemon.js';
import { loadSettings } from '../../src-main/host/settings.js';
import type { Settings } from '../../src-main/shared/config.js';
import type { Clock } from '../../src-main/shared/clock.js';
import { silentLogger, type Logger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { AnthropicTestServer } from './anthropic-server.js';
import { startMockSignal, type MockSignal } from './mock-signal.js';
import { Phone } from './phone.js';
import { waitForPairingUrl, waitForState } from './signal-service.js';
import { defer } from './defer.js';
import { tempDir } from './temp.js';

export interface Product {
  readonly mock: MockSignal;
  readonly claude: AnthropicTestServer;
  readonly daemon: Daemon;
  readonly phone: Phone;
  readonly dataDir: string;
  /** The allowed project root; projects are folders inside it. */
  readonly root: string;
  /** Makes a project folder inside the root. */
  folder(name: string): string;
  /** Stops the daemon and starts a new one on the same data folder (a restart of the app). */
  restart(): Promise<Daemon>;
}

export interface ProductOptions {
  readonly settings?: Partial<Settings>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly workerUrl?: URL;
  /** Faster keepalive / reconnect for network-fault tests. */
  readonly signalTiming?: DaemonOptions['signalTiming'];
  /** A shorter wait for a silent model stream (hang tests). */
  readonly agentTiming?: DaemonOptions['agentTiming'];
  /** Changes the Signal server config the app gets (e.g. a CDN that never answers). */
  readonly editSignalConfig?: (config: Record<string, unknown>) => Record<string, unknown>;
}

/** The settings of a daemon under test: this data folder, the mock Signal server, the local Claude. */
export function testSettings(
  where: { readonly dataDir: string; readonly signalConfig: string; readonly root: string; readonly claudeUrl: string },
  extra: ProductOptions['settings'] = {},
): ReturnType<typeof loadSettings> {
  return loadSettings(
    {
      dataDir: where.dataDir,
      signalConfig: where.signalConfig,
      projectRoots: [where.root],
      anthropicApiKey: 'sk-ant-test-local-server',
      anthropicBaseUrl: where.claudeUrl,
      model: 'claude-sonnet-4-6',
      approvalTimeoutSec: 600,
      ...extra,
    },
    {},
  );
}

export async function startProduct(t: TestContext, options: ProductOptions = {}): Promise<Product> {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  defer(t, () => claude.close());
  const dataDir = tempDir(t, 'sc-product-');
  const root = join(tempDir(t, 'sc-projects-'), 'code');
  mkdirSync(root);
  let signalConfig = mock.configPath;
  if (options.editSignalConfig) {
    signalConfig = join(tempDir(t, 'sc-signal-config-'), 'edited.json');
    writeFileSync(signalConfig, JSON.stringify(options.editSignalConfig(JSON.parse(readFileSync(mock.configPath, 'utf8')) as Record<string, unknown>)));
  }
  const settings = testSettings({ dataDir, signalConfig, root, claudeUrl: claude.url }, options.settings);
  const open = async (): Promise<Daemon> => {
    const daemon = Daemon.open({
      settings,
      logger: options.logger ?? silentLogger(),
      keyProvider: new FileKeyProvider(dataDir),
      version: '0.0.0-test',
      headless: true,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.signalTiming ? { signalTiming: options.signalTiming } : {}),
      ...(options.agentTiming ? { agentTiming: options.agentTiming } : {}),
    });
    await daemon.start();
    return daemon;
  };
  let daemon = await open();
  let stopped = false;
  defer(t, async () => {
    if (!stopped) await daemon.stop();
  });
  const url = await waitForPairingUrl(daemon.services.signal);
  const device = await mock.completeLink(url);
  await waitForState(daemon.services.signal, 'connected');
  const phone = new Phone(mock, device);
  t.after(() => phone.stop());

  const product: Product = {
    mock,
    claude,
    get daemon() {
      return daemon;
    },
    phone,
    dataDir,
    root,
    folder(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    async restart() {
      stopped = true;
      await daemon.stop();
      daemon = await open();
      stopped = false;
      await waitForState(daemon.services.signal, 'connected');
      return daemon;
    },
  };
  return product;
}
