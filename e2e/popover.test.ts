// The overview (the tray popover's content) shows the app's real state, read from the daemon,
// in light and dark; Quit stops the daemon the orderly way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusSchema } from '../src-main/shared/api.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { expectStatusShown, waitForOverview } from './helpers/overview.js';
import { ROOT } from './helpers/paths.js';
import { tempDataDir } from './helpers/temp.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('the overview shows the status the daemon reports', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const status = StatusSchema.parse(await (await daemon.api('/api/status')).json());
  // Twice the pixels: this screenshot is the one the README shows (docs/screenshot.png).
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.goto(daemon.dashboardUrl);

  const main = page.getByRole('main', { name: 'Signal Claude' });
  await waitForOverview(page);
  await expectStatusShown(page, () => daemon.api('/api/status'));
  const about = await main.getByText(/^Version /).innerText();
  assert.match(about, new RegExp(`Version ${version.replace(/\./g, '\\.')} · headless · up .* · database OK`));
  assert.equal(status.app.version, version);
  const sessions = main.getByRole('region', { name: 'Sessions' });
  assert.match(await sessions.innerText(), /^Sessions\s+No sessions yet\./, 'a new data folder has no sessions');
  for (const name of ['Pair device', 'Preferences', 'Quit']) assert.ok(await main.getByRole('button', { name }).isVisible(), `${name} button`);
  assert.deepEqual(page.log.cspViolations, []);
  assert.deepEqual(page.log.consoleErrors, []);
  await page.setViewportSize({ width: 440, height: 330 }); // about the size of the tray popover
  await saveScreenshot(page, 'popover-light');

  const dark = await (await launchChromium(t, { colorScheme: 'dark' })).newPage();
  await dark.goto(daemon.dashboardUrl);
  await waitForOverview(dark);
  const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(28, 29, 33)', 'the system dark theme applies');
  await dark.setViewportSize({ width: 440, height: 330 });
  await saveScreenshot(dark, 'popover-dark');
  await daemon.stop();
});

test('Quit stops the daemon cleanly and the page says it lost the connection', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);
  await page.getByRole('button', { name: 'Quit' }).click();
  assert.equal(await daemon.exited, 0, 'an orderly stop, as with SIGTERM');
  await page.getByRole('alert').filter({ hasText: 'Lost the connection to Signal Claude' }).waitFor();
  await saveScreenshot(page, 'popover-after-quit');
});
