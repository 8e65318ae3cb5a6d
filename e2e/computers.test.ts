// Several computers on one account, in the app (issue 16): the overview of one computer lists the
// other read-only (name, state, last seen, projects), and renaming a computer in its Preferences
// reaches the other's page at once; a name the other computer has is refused with a sentence.
// Two built daemons linked to one mock-server phone, real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { linkAnotherDaemon, startLinkedDaemon } from './helpers/linked-daemon.js';

test('the overview shows the other computer; a rename in Preferences shows on the other page; a taken name is refused', async (t) => {
  const laptop = await startLinkedDaemon(t, { SIGNAL_CLAUDE_DEVICE_NAME: 'laptop' });
  const desktop = await linkAnotherDaemon(t, laptop, { SIGNAL_CLAUDE_DEVICE_NAME: 'desktop' });
  desktop.folder('api');
  await laptop.phone.say('@desktop /add api');
  await laptop.phone.waitFor((m) => m.body.includes('Added api'), 'the desktop registers api');

  const browser = await launchChromium(t);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto(laptop.daemon.dashboardUrl);
  const others = page.getByRole('list', { name: 'Other computers' });
  const desk = others.getByRole('listitem').filter({ hasText: 'desktop' });
  await desk.getByText('api').waitFor();
  assert.match(await desk.innerText(), /linked/);
  assert.match(await desk.innerText(), /Last seen\s+(just now|\d+ seconds? ago)/);
  assert.equal(await others.getByRole('listitem').count(), 1, 'only the other computer: this one is the page itself');
  assert.equal(await others.getByRole('button').count(), 0, 'read-only');
  await saveScreenshot(page, 'overview-other-computers');

  // The desktop renames itself in its own Preferences; the laptop's page follows without a reload.
  const prefs = await browser.newPage();
  await prefs.goto(`${desktop.daemon.dashboardUrl}#/preferences`);
  const name = prefs.getByRole('textbox', { name: 'Name of this computer' });
  assert.equal(await name.inputValue(), 'desktop');
  await prefs.getByRole('list', { name: 'Computers on this account' }).getByRole('listitem').filter({ hasText: 'laptop' }).waitFor();
  await name.fill('workstation');
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await prefs.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await others.getByRole('listitem').filter({ hasText: 'workstation' }).waitFor();
  assert.equal(await others.getByRole('listitem').filter({ hasText: 'desktop' }).count(), 0, 'renamed in place');

  // The laptop's name is taken: refused, and nothing changes.
  await name.fill('Laptop');
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await prefs.getByRole('alert').filter({ hasText: 'already called "Laptop"' }).waitFor();
  await prefs.reload();
  assert.equal(await prefs.getByRole('textbox', { name: 'Name of this computer' }).inputValue(), 'workstation', 'nothing was saved');
  assert.deepEqual(page.log.cspViolations, []);
  assert.deepEqual(page.log.consoleErrors, []);
});
