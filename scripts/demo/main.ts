// `npm run demo`: the whole product on this computer, with no phone and (without
// ANTHROPIC_API_KEY) no Anthropic account. Signal's own mock server plays the Signal network and
// the owner's phone; the local Anthropic-compatible server plays Claude from a short script
// (scripted-claude.ts), or the real API answers when ANTHROPIC_API_KEY is set. The headless
// daemon starts against them in this process, links to the phone by itself, registers a small
// demo project, and the dashboard gets a DEMO panel where you type as the phone.
//
// Flags: --port N (default: a free port), --no-open (do not open the browser).
// Everything lives in one temporary folder, removed when the demo stops (Ctrl+C).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TestContext } from 'node:test';
import { startHeadless, untilSignal } from '../../src-main/headless/main.js';
import type { Io } from '../../src-main/headless/io.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { findAppRoot } from '../../src-main/shared/app-info.js';
import { describeError } from '../../src-main/shared/errors.js';
import { AnthropicTestServer } from '../../test/helpers/anthropic-server.js';
import { startMockSignal } from '../../test/helpers/mock-signal.js';
import { Phone } from '../../test/helpers/phone.js';
import { waitForPairingUrl, waitForState } from '../../test/helpers/signal-service.js';
import { DemoPhone } from './demo-phone.js';
import { scriptedClaude } from './scripted-claude.js';

export const DEMO_PROJECT = 'hello-app';

/** Cleanup in reverse order, shaped like the test context the shared helpers register with. */
class CleanupStack {
  private readonly steps: Array<() => unknown> = [];
  readonly after: TestContext['after'] = (fn) => {
    if (fn) this.steps.push(() => fn(this as unknown as TestContext, () => undefined));
  };

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step();
      } catch {
        // Best effort: the rest still gets cleaned up.
      }
    }
  }
}

const io: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  isTerminal: process.stdout.isTTY === true,
};

function demoProject(root: string): string {
  const dir = join(root, DEMO_PROJECT);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# Hello app\n\nA tiny program for the Signal Claude demo: it greets whoever runs it.\n');
  writeFileSync(join(dir, 'src', 'greet.js'), "export function greet(name) {\n  return `Hello, ${name}!`;\n}\n");
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'hello-app', version: '1.0.0', type: 'module', main: 'src/greet.js' }, null, 2)}\n`);
  return dir;
}

/** Opens the dashboard where a person is at a desktop; otherwise the printed URL is the way in. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? undefined : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? 'xdg-open' : undefined;
  if (!opener) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'no-open': { type: 'boolean', default: false } } });
  const cleanup = new CleanupStack();
  const stopCleanup = () => void cleanup.run().then(() => process.exit(1));
  process.once('SIGINT', stopCleanup);
  process.once('SIGTERM', stopCleanup);
  try {
    const home = mkdtempSync(join(tmpdir(), 'signal-claude-demo-'));
    cleanup.add(() => rmSync(home, { recursive: true, force: true }));
    const projects = join(home, 'projects');
    const project = demoProject(projects);

    io.stdout('Starting the demo: Signal\'s mock server and a simulated phone…');
    const mock = await startMockSignal(cleanup, { profileName: 'Demo Phone' });
    const realClaude = Boolean(process.env.ANTHROPIC_API_KEY);
    let anthropic: Record<string, string> = {};
    if (!realClaude) {
      const claude = await AnthropicTestServer.start();
      claude.fallback = (request) => scriptedClaude(request);
      cleanup.add(() => claude.close());
      anthropic = { anthropicApiKey: 'sk-ant-demo-scripted-local', anthropicBaseUrl: claude.url };
    }
    const settings = loadSettings(
      { dataDir: join(home, 'data'), port: Number(values.port), signalConfig: mock.configPath, projectRoots: [projects], deviceName: 'Signal Claude (demo)', ...anthropic },
      realClaude ? { ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL } : {},
    );

    const phone = new DemoPhone();
    const running = await startHeadless({ settings, root: findAppRoot(), io, printLinkUrls: false, demo: phone });
    cleanup.add(() => running.stop());
    process.removeListener('SIGINT', stopCleanup);
    process.removeListener('SIGTERM', stopCleanup);
    const stopped = untilSignal(running);
    const signal = running.daemon.services.signal;
    const device = await mock.completeLink(await waitForPairingUrl(signal));
    await waitForState(signal, 'connected');
    const simulated = new Phone(mock, device);
    cleanup.add(() => simulated.stop());
    phone.attach(simulated);
    await phone.say(`/add ${DEMO_PROJECT}`);

    const url = running.url;
    io.stdout(
      [
        '',
        '──────────────────────── Signal Claude · DEMO ────────────────────────',
        "Signal's mock server plays the Signal network and your phone (nothing reaches Signal);",
        realClaude ? 'Claude is the real API (ANTHROPIC_API_KEY is set): requests cost money.' : 'a scripted stand-in plays Claude (set ANTHROPIC_API_KEY for the real one).',
        '',
        `  Open:  ${url}`,
        '',
        'Type as the phone in the DEMO panel. Try: "list the files", "add a line to the README",',
        `"run ls", /help. The project folder: ${project}`,
        'Ctrl+C stops the demo and deletes its temporary folder.',
        '',
      ].join('\n'),
    );
    io.stdout('Demo ready.');
    if (!values['no-open'] && io.isTerminal) openBrowser(url);
    const code = await stopped;
    await cleanup.run();
    return code;
  } catch (error) {
    io.stderr(`demo: ${describeError(error)}`);
    await cleanup.run();
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: unexpected failure: ${describeError(error)}\n`);
    process.exit(1);
  },
);
