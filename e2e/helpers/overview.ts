// The overview as a spec sees it: loaded once its title and Signal status line are showing, and
// that line compared with what the daemon reports (the state may move on while linking, so the
// comparison is retried with fresh answers for a while).
import type { Page } from 'playwright-core';
import { StatusSchema, type Status } from '../../src-main/shared/api.js';
import { signalLine } from '../../src-renderer/format.js';

export function signalStatusLine(page: Page) {
  return page.getByRole('main', { name: 'Signal Claude' }).locator('header').getByRole('status');
}

export async function waitForOverview(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Signal Claude', level: 1 }).waitFor();
  const line = signalStatusLine(page);
  await line.waitFor();
  return line.innerText();
}

/** Waits until the page's status line says what the daemon's /api/status implies; returns that status. */
export async function expectStatusShown(page: Page, fetchStatus: () => Promise<Response>, timeoutMs = 10_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const status = StatusSchema.parse(await (await fetchStatus()).json());
    const expected = signalLine(status.signal).text;
    last = await signalStatusLine(page).innerText();
    if (last.startsWith(expected)) return status;
    if (Date.now() > deadline) throw new Error(`the page says "${last}", the daemon's state "${status.signal.state}" reads "${expected}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
