// Debian's Chromium driven by playwright-core: headless, no sandbox (containers), nothing
// phoning home, and a fresh profile per test. Every page records CSP violations and console
// errors so a spec can assert there were none.
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, then /usr/bin/chromium, then chromium on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', ...(env.PATH ?? '').split(delimiter).map((d) => join(d, 'chromium'))];
  return candidates.find((c): c is string => Boolean(c) && executable(c as string));
}

export interface PageLog {
  readonly cspViolations: string[];
  readonly consoleErrors: string[];
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page & { log: PageLog }>;
}

export async function launchChromium(t: Pick<TestContext, 'after'>, options: { colorScheme?: 'light' | 'dark'; deviceScaleFactor?: number } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH or install Debian\'s chromium (npm test does it where it may).');
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 900, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  t.after(async () => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  });
  return {
    context,
    async newPage() {
      const page = (await context.newPage()) as Page & { log: PageLog };
      const log: PageLog = { cspViolations: [], consoleErrors: [] };
      // Init scripts run outside the page's CSP, so they can listen for its violations.
      await page.exposeFunction('__reportCsp', (text: string) => log.cspViolations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      page.on('console', (m) => {
        // A failed load names no resource in its text: add the URL, so a failure says which.
        if (m.type() === 'error') log.consoleErrors.push(m.location().url && m.text().startsWith('Failed to load resource') ? `${m.text()} (${m.location().url})` : m.text());
      });
      page.on('pageerror', (e) => log.consoleErrors.push(e.message));
      page.log = log;
      return page;
    },
  };
}
