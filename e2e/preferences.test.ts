// The preferences window: what the owner saves is checked, written to preferences.json and still
// there after the daemon restarts; the API key goes in and never comes back out in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { tempDataDir } from './helpers/temp.js';
import { AnthropicTestServer } from '../test/helpers/anthropic-server.js';
import { freePort } from '../test/helpers/net.js';

test('preferences set in the page persist across a daemon restart', async (t) => {
  const dataDir = tempDataDir(t);
  const code = join(dataDir, 'code');
  mkdirSync(code);
  const browser = await launchChromium(t);
  const first = await startBuiltDaemon(t, ['--data-dir', dataDir]);
  const page = await browser.newPage();
  await page.goto(first.dashboardUrl);
  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByRole('heading', { name: 'Preferences', level: 1 }).waitFor();

  await page.getByRole('radio', { name: /acceptEdits/ }).check();
  await page.getByRole('textbox', { name: 'Folder to allow' }).fill(code);
  await page.getByRole('textbox', { name: 'Folder to allow' }).press('Enter');
  await page.getByRole('list', { name: 'Allowed project folders' }).getByText(code).waitFor();
  await page.getByRole('checkbox', { name: 'Keep the computer awake while sessions work' }).uncheck();
  await page.getByRole('checkbox', { name: 'Crashes' }).uncheck();
  await page.getByRole('radio', { name: 'Dark' }).check();
  const model = page.getByRole('combobox', { name: 'Default model for new projects' });
  assert.equal(await model.locator('option:checked').innerText(), 'claude-sonnet-5-5 — $2 in / $10 out per million tokens', 'the default, with its price');
  await model.selectOption({ label: 'claude-haiku-4-5 — $1 in / $5 out per million tokens' });
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the theme follows at once');
  await saveScreenshot(page, 'preferences-dark');

  const onDisk = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(onDisk.permissionMode, 'acceptEdits');
  assert.deepEqual(onDisk.projectRoots, [code]);
  assert.equal(onDisk.keepAwake, false);
  assert.deepEqual(onDisk.notifications, { finalAnswers: true, approvals: true, crashes: false });
  assert.equal(onDisk.appearance, 'dark');
  assert.equal(onDisk.model, 'claude-haiku-4-5');
  assert.equal(await first.stop(), 0);

  const second = await startBuiltDaemon(t, ['--data-dir', dataDir]);
  const again = await browser.newPage();
  await again.goto(`${second.dashboardUrl}#/preferences`);
  await again.getByRole('heading', { name: 'Preferences', level: 1 }).waitFor();
  assert.equal(await again.getByRole('radio', { name: /acceptEdits/ }).isChecked(), true);
  assert.equal(await again.getByRole('checkbox', { name: 'Keep the computer awake while sessions work' }).isChecked(), false);
  assert.equal(await again.getByRole('checkbox', { name: 'Crashes' }).isChecked(), false);
  assert.equal(await again.getByRole('radio', { name: 'Dark' }).isChecked(), true);
  assert.equal(await again.getByRole('combobox', { name: 'Default model for new projects' }).inputValue(), 'claude-haiku-4-5');
  await again.getByRole('list', { name: 'Allowed project folders' }).getByText(code).waitFor();
  assert.equal(await again.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(again.log.cspViolations, []);
  await second.stop();
});

test('invalid preferences are refused with a sentence next to the field, and nothing is saved', async (t) => {
  const dataDir = tempDataDir(t);
  const daemon = await startBuiltDaemon(t, ['--data-dir', dataDir]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(`${daemon.dashboardUrl}#/preferences`);
  // A model missing from the list is typed under "Other model…"; empty is refused.
  await page.getByRole('combobox', { name: 'Default model for new projects' }).selectOption({ label: 'Other model…' });
  const model = page.getByRole('textbox', { name: 'Other model id' });
  await model.fill('');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('alert').filter({ hasText: /at least 1|too small|>=1/i }).waitFor();
  assert.equal(await model.evaluate((el) => el === document.activeElement), true, 'focus moves to the field to fix');
  assert.equal(await model.getAttribute('aria-invalid'), 'true');

  // What only the daemon can check (the folder exists on this computer) comes back as its sentence.
  await model.fill('claude-sonnet-4-5');
  await page.getByRole('textbox', { name: 'Folder to allow' }).fill(join(dataDir, 'no-such-folder'));
  await page.getByRole('button', { name: 'Add' }).first().click();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('alert').filter({ hasText: `There is no folder ${join(dataDir, 'no-such-folder')} on this computer.` }).waitFor();
  await saveScreenshot(page, 'preferences-invalid');
  assert.throws(() => readFileSync(join(dataDir, 'preferences.json')), /ENOENT/, 'nothing was written');
  await daemon.stop();
});

test('the API key set in the page is checked, stored, and only its last four characters are ever shown', async (t) => {
  const dataDir = tempDataDir(t);
  const key = 'sk-ant-api03-e2eSECRETe2eSECRETe2e-x7Qa';
  const claude = await AnthropicTestServer.start({ apiKeys: [key] });
  t.after(() => claude.close());
  const browser = await launchChromium(t);
  const first = await startBuiltDaemon(t, ['--data-dir', dataDir], { ANTHROPIC_BASE_URL: claude.url });
  const page = await browser.newPage();
  await page.goto(`${first.dashboardUrl}#/preferences`);
  await page.getByTestId('key-status').filter({ hasText: 'Not set' }).waitFor();
  const field = page.getByLabel('Key', { exact: true });
  assert.equal(await field.getAttribute('type'), 'password');
  // A key the endpoint refuses (a typo) is not saved, and says why.
  await field.fill('sk-ant-api03-e2eTYPOe2eTYPOe2e-0000');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('alert').filter({ hasText: 'did not accept this key (HTTP 401), so it was not saved.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save without checking' }).count(), 0, 'a refused key cannot be saved unchecked');
  await page.getByTestId('key-status').filter({ hasText: 'Not set' }).waitFor();
  await field.fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByTestId('key-status').filter({ hasText: 'Set, ends in …x7Qa' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Key checked and saved.' }).waitFor();
  assert.equal(await page.getByLabel('Replace with a new key').inputValue(), '', 'the field is emptied');
  assert.ok(!(await page.content()).includes('SECRET'), 'no part of the key but its end is in the page');
  await saveScreenshot(page, 'preferences-key-set');

  const view = await (await first.api('/api/preferences')).text();
  assert.ok(!view.includes('SECRET') && view.includes('"last4":"x7Qa"'), 'nor in what the API sends');
  assert.equal(await first.stop(), 0);
  assert.ok(!readFileSync(join(dataDir, 'signal-claude.db')).includes('e2eSECRET'), 'the database holds it encrypted');

  const second = await startBuiltDaemon(t, ['--data-dir', dataDir]);
  const again = await browser.newPage();
  await again.goto(`${second.dashboardUrl}#/preferences`);
  await again.getByTestId('key-status').filter({ hasText: 'Set, ends in …x7Qa' }).waitFor();
  await again.getByRole('button', { name: 'Clear key' }).click();
  await again.getByTestId('key-status').filter({ hasText: 'Not set' }).waitFor();
  await second.stop();
});

test('offline, a new key can still be saved, unchecked, once the owner chooses to', async (t) => {
  const dataDir = tempDataDir(t);
  const closed = await freePort(); // nothing listens there: the endpoint cannot be reached
  const browser = await launchChromium(t);
  const daemon = await startBuiltDaemon(t, ['--data-dir', dataDir], { ANTHROPIC_BASE_URL: `http://127.0.0.1:${closed}` });
  const page = await browser.newPage();
  await page.goto(`${daemon.dashboardUrl}#/preferences`);
  await page.getByLabel('Key', { exact: true }).fill('sk-ant-api03-offline-key-9Zz9');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('alert').filter({ hasText: `Could not reach 127.0.0.1:${closed} to check the key, so it was not saved.` }).waitFor();
  await page.getByTestId('key-status').filter({ hasText: 'Not set' }).waitFor();
  await page.getByRole('button', { name: 'Save without checking' }).click();
  await page.getByTestId('key-status').filter({ hasText: 'Set, ends in …9Zz9' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Key saved without a check' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save without checking' }).count(), 0);
  await daemon.stop();
});
