// Several computers on one Signal account in one test: Signal's mock server with the owner's
// phone, one local Anthropic-compatible server, and N real daemons (each its own encrypted data
// folder, project root and linked-device name) linked one after another to the same phone, as a
// person with a laptop and a desktop would. The phone's Note-to-Self messages go to every one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { Daemon, type DaemonOptions } from '../../src-main/daemon/daemon.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { AnthropicTestServer, reply, text } from './anthropic-server.js';
import { startMockSignal, type Device, type MockSignal } from './mock-signal.js';
import { Phone, type ShownMessage } from './phone.js';
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
  /** Makes a folder inside this computer's root (for the phone to `/add`). */
  folder(name: string): string;
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

export async function startComputers(t: TestContext, names: readonly string[], options: { readonly chatTiming?: DaemonOptions['chatTiming'] } = {}): Promise<Computers> {
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
      const d = Daemon.open({
        settings,
        logger: silentLogger(),
        keyProvider: new FileKeyProvider(dataDir),
        version: '0.0.0-test',
        headless: true,
        ...(options.chatTiming ? { chatTiming: options.chatTiming } : {}),
      });
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
        const dir = this.folder(projectName);
        daemon.services.projects.add(dir);
        return dir;
      },
      folder(folderName) {
        const dir = join(root, folderName);
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      async stop() {
        running = false;
        await daemon.stop();
        phone?.offline.add(device);
      },
      async start() {
        daemon = await open();
        running = true;
        phone?.offline.delete(device);
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

/** Waits until nothing new arrived for `quietMs`; returns what arrived since `from` (edits aside). */
export async function settled(c: Computers, from: number, quietMs = 2500): Promise<ShownMessage[]> {
  for (;;) {
    const before = c.phone.shown.length;
    await quiet(quietMs);
    if (c.phone.shown.length === before) break;
  }
  return c.phone.shown.slice(from).filter((m) => m.kind !== 'edit');
}

/** The phone writes; returns what every computer answered once things went quiet. */
export async function exchange(c: Computers, say: () => Promise<unknown>, first: (m: ShownMessage) => boolean, what: string, quietMs?: number): Promise<ShownMessage[]> {
  const from = c.phone.shown.length;
  await say();
  await c.phone.waitFor((m) => c.phone.shown.indexOf(m) >= from && first(m), what);
  return settled(c, from, quietMs);
}

/** A reply written by the computer called `name` (replies carry "💻 name · " when several are linked). */
export const by =
  (name: string) =>
  (m: ShownMessage): boolean =>
    m.body.startsWith(`💻 ${name} · `);

/** Polls `check` until it holds (state that no phone message shows, such as what a computer learnt). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`never: ${what}`);
    await quiet(100);
  }
}

/** The phone registers `name` on `computer` (the folder exists only there); exactly that one answers. */
export async function addOn(c: Computers, computer: Computer, name: string, quietMs?: number): Promise<void> {
  computer.folder(name);
  const answers = await exchange(c, () => c.phone.say(`/add ${name}`), (m) => m.body.includes(`Added ${name}`), `${name} added on ${computer.name}`, quietMs);
  const bodies = answers.map((m) => m.body);
  assert.deepEqual(
    bodies.map((b) => b.split(' · ')[0]),
    [`💻 ${computer.name}`],
    `/add ${name}: only ${computer.name} answers, not ${JSON.stringify(bodies)}`,
  );
}

/** Every computer knows every other one and each one's projects (learnt from their marks). */
export async function knowEachOther(c: Computers, projects: Record<string, string[]>): Promise<void> {
  await waitUntil(
    () =>
      c.computers.every((x) =>
        c.computers
          .filter((y) => y !== x)
          .every((y) => {
            const peer = x.daemon.services.computers.named(y.name);
            return peer !== undefined && (projects[y.name] ?? []).every((p) => peer.projects.includes(p));
          }),
      ),
    'every computer knows the others and their projects',
  );
}

/** Every answer came from `name` (and there is at least one). */
export function onlyFrom(answers: readonly ShownMessage[], name: string, label: string): void {
  assert.ok(answers.length > 0 && answers.every(by(name)), `${label}: only ${name} answers, not ${JSON.stringify(answers.map((m) => m.body))}`);
}

/** Shorter waits for another computer's answer than a person needs (the defaults are 8 s and 30 s). */
export const chatTiming = { addGraceMs: 6000, answerGraceMs: 20_000 };

export const claudeSays = (c: Computers, words: string) => c.claude.enqueue(reply([text(words)]));
export const lastAsked = (c: Computers): string => JSON.stringify(c.claude.messageRequests.at(-1)?.body ?? '');
