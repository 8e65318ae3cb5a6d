// Several computers on one Signal account in one test: Signal's mock server with the owner's
// phone, one local Anthropic-compatible server, and N real daemons (each its own encrypted data
// folder, project root and linked-device name) linked one after another to the same phone, as a
// person with a laptop and a desktop would. The phone's Note-to-Self messages go to every one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Daemon } from '../../src-main/daemon/daemon.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { AnthropicTestServer } from './anthropic-server.js';
import { startMockSignal, type Device, type MockSignal } from './mock-signal.js';
import { Phone } from './phone.js';
import { testSettings } from './product.js';
import { waitForPairingUrl, waitForState } from './signal-service.js';
import { defer } from './defer.js';
import { tempDir } from './temp.js';

export interface Computer {
  readonly name: string;
  readonly daemon: Daemon;
  readonly device: Device;
  readonly root: string;
  /** Makes a project folder inside this computer's root and registers it (as `/add` would). */
  project(name: string): string;
  /** Stops this computer (the others keep running); `start()` brings it back on the same data. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface Computers {
  readonly mock: MockSignal;
  readonly claude: AnthropicTestServer;
  readonly phone: Phone;
  readonly computers: readonly Computer[];
}

export async function startComputers(t: TestContext, names: readonly string[]): Promise<Computers> {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  defer(t, () => claude.close());
  let phone: Phone | undefined;
  const computers: Computer[] = [];
  for (const name of names) {
    const dataDir = tempDir(t, 'sc-computer-');
    const root = join(tempDir(t, 'sc-projects-'), 'code');
    mkdirSync(root);
    const settings = testSettings({ dataDir, signalConfig: mock.configPath, root, claudeUrl: claude.url }, { deviceName: name });
    const open = async (): Promise<Daemon> => {
      const d = Daemon.open({ settings, logger: silentLogger(), keyProvider: new FileKeyProvider(dataDir), version: '0.0.0-test', headless: true });
      await d.start();
      return d;
    };
    let daemon = await open();
    let running = true;
    defer(t, async () => {
      if (running) await daemon.stop();
    });
    const device = await mock.completeLink(await waitForPairingUrl(daemon.services.signal));
    await waitForState(daemon.services.signal, 'connected');
    if (phone) phone.devices.push(device);
    else {
      phone = new Phone(mock, device);
      const p = phone;
      t.after(() => p.stop());
    }
    computers.push({
      name,
      get daemon() {
        return daemon;
      },
      device,
      root,
      project(projectName) {
        const dir = join(root, projectName);
        mkdirSync(dir, { recursive: true });
        daemon.services.projects.add(dir);
        return dir;
      },
      async stop() {
        running = false;
        await daemon.stop();
      },
      async start() {
        daemon = await open();
        running = true;
        await waitForState(daemon.services.signal, 'connected');
      },
    });
  }
  if (!phone) throw new Error('startComputers needs at least one name');
  return { mock, claude, phone, computers };
}

/** Resolves after `ms` of wall time (a quiet period before counting what the phone received). */
export function quiet(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
