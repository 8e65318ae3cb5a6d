// The real headless daemon as a child process (the CLI through tsx), linked to the phone on
// Signal's mock server and pointed at the local Anthropic server; started again on the same data
// folder after every kill, as a user restarting the app would.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { StatusSchema } from '../../../src-main/shared/api.js';
import { startDaemon, type DaemonProcess } from '../../helpers/daemon-process.js';
import { startMockSignal, type Device, type MockSignal } from '../../helpers/mock-signal.js';
import { AnthropicTestServer } from '../../helpers/anthropic-server.js';
import { defer } from '../../helpers/defer.js';
import { tempDir } from '../../helpers/temp.js';
import { Phone } from '../../helpers/phone.js';
import { EffectScript } from './effects.js';
import { Owner } from './owner.js';

export interface CliOptions {
  readonly mock: MockSignal;
  readonly claudeUrl: string;
  readonly dataDir: string;
  readonly root: string;
  readonly extraArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export const TEST_API_KEY = 'sk-ant-api03-reliability-test-key-0123456789abcdefghij';

export function cliArgs(o: CliOptions): string[] {
  return ['--data-dir', o.dataDir, '--port', '0', '--signal-config', o.mock.configPath, '--project-root', o.root, ...(o.extraArgs ?? [])];
}

function cliEnv(o: CliOptions): NodeJS.ProcessEnv {
  return { ANTHROPIC_BASE_URL: o.claudeUrl, ANTHROPIC_API_KEY: TEST_API_KEY, ...o.env };
}

/** Polls /api/status until Signal is connected (or the daemon died). */
export async function waitConnected(daemon: DaemonProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (daemon.child.exitCode !== null || daemon.child.signalCode !== null) throw new Error(`daemon exited: ${daemon.stderr.join(' | ')}`);
    const res = await daemon.api('/api/status').catch(() => undefined);
    if (res?.status === 200) {
      const status = StatusSchema.parse(await res.json());
      if (status.signal.state === 'connected') return;
    }
    if (Date.now() > deadline) throw new Error(`Signal not connected within ${timeoutMs} ms; stderr: ${daemon.stderr.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** First start: the daemon prints its Link URL and the phone scans it. */
export async function startAndLink(t: TestContext, o: CliOptions): Promise<{ daemon: DaemonProcess; device: Device }> {
  const daemon = await startDaemon(t, cliArgs(o), cliEnv(o));
  const line = await daemon.waitForLine(/^Link URL: /);
  const device = await o.mock.completeLink(line.slice('Link URL: '.length).trim());
  await waitConnected(daemon);
  return { daemon, device };
}

/** A later start on the same data folder (no linking). */
export async function restart(t: TestContext, o: CliOptions, waitForSignal = true): Promise<DaemonProcess> {
  const daemon = await startDaemon(t, cliArgs(o), cliEnv(o));
  if (waitForSignal) await waitConnected(daemon);
  return daemon;
}

/**
 * The world of the kill and shutdown runs: the mock server, Claude scripted by EffectScript (one
 * Bash command per instruction, see effects.ts), a folder per project, the daemon linked with
 * bypassPermissions so no approval stands between an instruction and its effect, and the owner's
 * phone with every project added.
 */
export async function startEffectsWorld(t: TestContext, name: string, projects: readonly string[]) {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  defer(t, () => claude.close());
  const script = new EffectScript();
  claude.fallback = script.respond;
  const dataDir = tempDir(t, `sc-${name}-data-`);
  const root = join(tempDir(t, `sc-${name}-projects-`), 'code');
  for (const p of projects) mkdirSync(join(root, p), { recursive: true });
  const options: CliOptions = { mock, claudeUrl: claude.url, dataDir, root, extraArgs: ['--permission-mode', 'bypassPermissions'] };
  const { daemon, device } = await startAndLink(t, options);
  const phone = new Phone(mock, device);
  t.after(() => phone.stop());
  const owner = new Owner(phone);
  for (const p of projects) {
    await owner.say(`/add ${p}`);
    await phone.waitFor((m) => m.body.includes(`Added ${p} `), `the /add ${p} confirmation`);
  }
  return { script, dataDir, root, options, daemon, phone, owner };
}
