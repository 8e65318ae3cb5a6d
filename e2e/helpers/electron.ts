// The desktop app under Playwright's Electron driver, where an Electron binary exists (it is
// downloaded on first `npm start`, so a machine without internet has none). On Linux without a
// display, a private Xvfb server is started for it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { assertBuilt, DIST_MAIN, ROOT } from './paths.js';

export type ElectronBinary = { readonly path: string } | { readonly missing: string };

export function electronBinary(): ElectronBinary {
  const pathTxt = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) {
    return { missing: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded (npm start fetches it where the internet is reachable)' };
  }
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} (named in node_modules/electron/path.txt) does not exist` };
}

/** A display for Electron: the session's own, or a private Xvfb on Linux. */
async function display(t: Pick<TestContext, 'after'>): Promise<NodeJS.ProcessEnv> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return {};
  const number = 90 + Math.floor(Math.random() * 400);
  const xvfb = spawn('Xvfb', [`:${number}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  t.after(() => xvfb.kill('SIGTERM'));
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (xvfb.exitCode !== null) throw new Error('Xvfb did not start (install the xvfb package to run the Electron specs headless).');
  return { DISPLAY: `:${number}` };
}

export interface DesktopApp {
  readonly app: ElectronApplication;
  /** The window showing `hash` (e.g. "#/preferences"), waiting for it to open. */
  window(hash: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchDesktopApp(t: Pick<TestContext, 'after'>, binary: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<DesktopApp> {
  assertBuilt();
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first.`);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('SIGNAL_CLAUDE_') && !k.startsWith('ANTHROPIC_')) clean[k] = v;
  const app = await _electron.launch({
    executablePath: binary,
    // Chromium refuses to run as root with its OS sandbox (CI containers); windows stay sandboxed.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, ...args],
    env: { ...clean, ...(await display(t)), ...env, SIGNAL_CLAUDE_E2E: '1' } as Record<string, string>,
    cwd: ROOT,
  });
  let closed = false;
  t.after(async () => {
    if (!closed) await app.close().catch(() => undefined);
  });
  return {
    app,
    async window(hash) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const found = app.windows().find((w) => w.url().endsWith(hash));
        if (found) {
          await found.waitForLoadState('domcontentloaded');
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no window showing ${hash}; open: ${app.windows().map((w) => w.url()).join(', ')}`);
    },
    async close() {
      closed = true;
      await app.close();
    },
  };
}
