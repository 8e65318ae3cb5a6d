// What Claude is doing now, live in the app while a turn runs: waiting for the owner's approval
// on a named tool, then running it, with the step count and a clock that moves; in the overview
// as one line per session; gone when the turn ends. At 360 px nothing runs off the side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startLinkedDaemon } from './helpers/linked-daemon.js';
import { nothingPastWidth } from './helpers/layout.js';
import { waitForOverview } from './helpers/overview.js';

const NARROW = 360;

test('turn progress: the tool waiting for approval, then running, with steps and elapsed time; gone when the turn ends', async (t) => {
  const p = await startLinkedDaemon(t);
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.setViewportSize({ width: NARROW, height: 900 });
  await page.goto(p.daemon.dashboardUrl);
  await waitForOverview(page);

  const lab = p.folder('lab');
  const command = 'while [ ! -e go.flag ]; do sleep 0.1; done; echo "went after waiting for the go flag to appear in this folder"';
  p.claude.enqueue(reply([toolUse('Read', { file_path: 'notes.md' })]), reply([text('Waiting for the flag.'), toolUse('Bash', { command })]), reply([text('The flag came; **done**.')]));
  writeFileSync(join(lab, 'notes.md'), 'wait for go.flag\n');
  await p.phone.say('/add lab');
  await p.phone.waitFor((m) => m.body.includes('Added lab'), 'the /add confirmation');
  await p.phone.say('wait for the flag');

  // The overview: one line under the session says what it waits for.
  const row = page.getByRole('region', { name: 'Sessions' }).getByRole('listitem').filter({ hasText: 'lab' });
  const line = row.locator('.turn-line');
  await line.filter({ hasText: 'Waiting for your approval Bash · 2 steps' }).waitFor({ timeout: 30_000 });

  await row.getByRole('link', { name: 'lab', exact: true }).click();
  const now = page.getByRole('region', { name: 'Now' });
  const status = now.getByRole('status');
  await status.filter({ hasText: 'Waiting for your approval' }).waitFor();
  assert.match(await now.locator('.turn-status__tool').innerText(), /^🔧 Bash while \[ ! -e go\.flag \]/);
  assert.equal(await now.locator('.turn-status__steps').innerText(), '2 steps');
  await nothingPastWidth(page, page.locator('main'), NARROW);

  await page.getByRole('log').getByRole('button', { name: 'Allow' }).click();
  await status.filter({ hasText: /^Running/ }).waitFor();
  assert.match(await now.locator('.turn-status__tool').innerText(), /^🔧 Bash while/);
  // The clock moves while the command runs (read twice; no time is asserted).
  const elapsed = now.locator('.turn-status__elapsed time');
  const first = await elapsed.innerText();
  await page.waitForFunction((before) => document.querySelector('.turn-status__elapsed time')?.textContent !== before, first, { timeout: 10_000 });
  assert.match(await elapsed.innerText(), /^\d+:\d\d$/);
  await nothingPastWidth(page, page.locator('main'), NARROW);
  await saveScreenshot(page, 'session-view-running');

  writeFileSync(join(lab, 'go.flag'), '');
  await page.getByRole('log').locator('.entry--assistant').filter({ hasText: 'The flag came' }).waitFor({ timeout: 30_000 });
  await now.waitFor({ state: 'detached' });
  assert.equal(await now.count(), 0, 'no turn runs: nothing says it does');
});
