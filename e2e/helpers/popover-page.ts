// The dashboard as the menu-bar popover shows it: a linked daemon, its page in real Chromium at
// the popover's 360-pixel width (high-DPI), loaded up to the overview. The specs that check the
// session view, the approval card and turn progress all start here.
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { startLinkedDaemon, type LinkedDaemon } from './linked-daemon.js';
import { waitForOverview } from './overview.js';

/** The popover's width: nothing may be wider. */
export const POPOVER_WIDTH = 360;

export async function openPopoverPage(t: Pick<TestContext, 'after'>): Promise<{ readonly p: LinkedDaemon; readonly page: Page }> {
  const p = await startLinkedDaemon(t);
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.setViewportSize({ width: POPOVER_WIDTH, height: 900 });
  await page.goto(p.daemon.dashboardUrl);
  await waitForOverview(page);
  return { p, page };
}
