// The built daemon linked to the owner's phone, with Claude played by the local Anthropic-
// compatible server: Signal's mock server (test/helpers/mock-signal.ts), the scripted Claude
// (test/helpers/anthropic-server.ts), `node dist/cli.js --signal-config … --project-root …`,
// and the phone scanning the daemon's linking URL. What the sessions specs start from.
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PairingSchema, StatusSchema } from '../../src-main/shared/api.js';
import { AnthropicTestServer } from '../../test/helpers/anthropic-server.js';
import { startMockSignal, type MockSignal } from '../../test/helpers/mock-signal.js';
import { Phone } from '../../test/helpers/phone.js';
import { startBuiltDaemon, type BuiltDaemon } from './daemon.js';
import { tempDataDir } from './temp.js';

export interface LinkedDaemon {
  readonly mock: MockSignal;
  readonly claude: AnthropicTestServer;
  readonly daemon: BuiltDaemon;
  readonly phone: Phone;
  /** The allowed project root. */
  readonly root: string;
  /** Makes a project folder inside the root. */
  folder(name: string): string;
}

/** A model the pricing table knows, so sessions show a real cost. */
export const E2E_MODEL = 'claude-sonnet-4-6';

export async function startLinkedDaemon(t: Pick<TestContext, 'after'>, env: NodeJS.ProcessEnv = {}): Promise<LinkedDaemon> {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  t.after(() => claude.close());
  // Real path: the daemon registers projects by their real path (macOS's /tmp is a link).
  const root = join(realpathSync(tempDataDir(t)), 'code');
  mkdirSync(root);
  const daemon = await startBuiltDaemon(
    t,
    ['--data-dir', tempDataDir(t), '--signal-config', mock.configPath, '--project-root', root, '--model', E2E_MODEL],
    { ANTHROPIC_API_KEY: 'sk-ant-e2e-local-server', ANTHROPIC_BASE_URL: claude.url, ...env },
  );
  const url = await poll(async () => PairingSchema.parse(await (await daemon.api('/api/pairing')).json()).url ?? undefined, 'a linking URL');
  const device = await mock.completeLink(url);
  await poll(async () => StatusSchema.parse(await (await daemon.api('/api/status')).json()).signal.state === 'connected' || undefined, 'the Signal link');
  const phone = new Phone(mock, device);
  t.after(() => phone.stop());
  return {
    mock,
    claude,
    daemon,
    phone,
    root,
    folder(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
}

/**
 * Another computer of the same owner (issue 16): a second built daemon linked to the same phone,
 * sharing the mock server and the scripted Claude; the phone's messages now reach both.
 */
export async function linkAnotherDaemon(t: Pick<TestContext, 'after'>, first: LinkedDaemon, env: NodeJS.ProcessEnv = {}): Promise<Omit<LinkedDaemon, 'mock' | 'claude' | 'phone'>> {
  const root = join(realpathSync(tempDataDir(t)), 'code');
  mkdirSync(root);
  const daemon = await startBuiltDaemon(
    t,
    ['--data-dir', tempDataDir(t), '--signal-config', first.mock.configPath, '--project-root', root, '--model', E2E_MODEL],
    { ANTHROPIC_API_KEY: 'sk-ant-e2e-local-server', ANTHROPIC_BASE_URL: first.claude.url, ...env },
  );
  const url = await poll(async () => PairingSchema.parse(await (await daemon.api('/api/pairing')).json()).url ?? undefined, 'a linking URL');
  first.phone.devices.push(await first.mock.completeLink(url));
  await poll(async () => StatusSchema.parse(await (await daemon.api('/api/status')).json()).signal.state === 'connected' || undefined, 'the Signal link');
  return {
    daemon,
    root,
    folder(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
}

async function poll<T>(get: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
