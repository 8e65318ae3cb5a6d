// First run in the app: with nothing set up, the overview walks through the Anthropic key
// (checked with one call to the configured endpoint: a refused key says so and can be typed
// again), linking with Signal, allowing a project folder, starting at login and a first
// message, one step at a time; each step is marked done as it happens. A line names what is
// still missing, also after steps are skipped, and offers the way back in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { PairingSchema, PreferencesViewSchema } from '../src-main/shared/api.js';
import { AnthropicTestServer, apiKeyOf, reply, text } from '../test/helpers/anthropic-server.js';
import { startMockSignal } from '../test/helpers/mock-signal.js';
import { Phone } from '../test/helpers/phone.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { nothingPastWidth } from './helpers/layout.js';
import { waitForOverview } from './helpers/overview.js';
import { tempDataDir } from './helpers/temp.js';

const GOOD_KEY = 'sk-ant-first-run-accepted-7Qa1';
const WRONG_KEY = 'sk-ant-first-run-refused-0000';

test('first run: key (refused, then accepted), link, folder, start at login, first message; each done in turn, then the walkthrough leaves', async (t) => {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start({ apiKeys: [GOOD_KEY] });
  t.after(() => claude.close());
  const dataDir = tempDataDir(t);
  const code = join(realpathSync(tempDataDir(t)), 'code');
  mkdirSync(join(code, 'hello'), { recursive: true });
  // No ANTHROPIC_API_KEY: the key comes from the first step.
  const daemon = await startBuiltDaemon(t, ['--data-dir', dataDir, '--signal-config', mock.configPath, '--model', 'claude-sonnet-4-6'], { ANTHROPIC_BASE_URL: claude.url });
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);

  const missing = page.getByTestId('setup-missing');
  const steps = page.getByRole('region', { name: 'Getting started' });
  const current = steps.locator('[aria-current="step"]');
  await current.filter({ hasText: 'Anthropic API key' }).waitFor();
  // Headless, start at login only takes effect in the desktop app: asked, but not named as missing.
  assert.equal(await missing.innerText(), 'Not set up yet: Anthropic key, Signal link, project folder');
  assert.deepEqual(await steps.locator('.first-step__state').allInnerTexts(), ['Next', 'Later', 'Later', 'Later', 'Later']);
  await nothingPastWidth(page, page.locator('main'), 360);
  await saveScreenshot(page, 'first-run-key');

  // A key the endpoint refuses: said plainly, nothing saved, and the field can be used again.
  const keyField = current.locator('input[type="password"]');
  await keyField.fill(WRONG_KEY);
  await current.getByRole('button', { name: 'Check and save' }).click();
  const port = new URL(claude.url).host;
  await current.getByRole('alert').filter({ hasText: `${port} did not accept this key (HTTP 401), so it was not saved.` }).waitFor();
  const before = PreferencesViewSchema.parse(await (await daemon.api('/api/preferences')).json());
  assert.equal(before.anthropicKey.set, false, 'a refused key is not saved');
  assert.deepEqual(
    claude.requests.map((r) => [r.path, apiKeyOf(r.headers)]),
    [['/v1/models', WRONG_KEY]],
    'one cheap call checked it',
  );

  await keyField.fill(GOOD_KEY);
  await current.getByRole('button', { name: 'Check and save' }).click();
  await current.filter({ hasText: 'Link with Signal' }).waitFor();
  const after = PreferencesViewSchema.parse(await (await daemon.api('/api/preferences')).json());
  assert.deepEqual(after.anthropicKey, { set: true, last4: '7Qa1', source: 'app' });
  await missing.filter({ hasText: /^Not set up yet: Signal link, project folder$/ }).waitFor();

  // The phone scans the code: the link step is done and the folder is next.
  const url = PairingSchema.parse(await (await daemon.api('/api/pairing')).json()).url;
  assert.ok(url, 'a linking URL');
  const phone = new Phone(mock, await mock.completeLink(url));
  t.after(() => phone.stop());
  await current.filter({ hasText: 'Allow a project folder' }).waitFor({ timeout: 30_000 });

  const folder = steps.getByRole('textbox', { name: 'Folder to allow' });
  await folder.fill(join(dataDir, 'no-such-folder'));
  await steps.getByRole('button', { name: 'Allow' }).click();
  await steps.getByRole('alert').filter({ hasText: 'There is no folder' }).waitFor();
  await folder.fill(code);
  await steps.getByRole('button', { name: 'Allow' }).click();

  // Start at login: on unless unticked.
  await current.filter({ hasText: 'Start at login' }).waitFor();
  assert.equal(await missing.count(), 0, 'nothing is missing any more');
  assert.match(await current.innerText(), /takes effect in the desktop app/);
  await nothingPastWidth(page, page.locator('main'), 360);
  assert.equal(await current.getByRole('checkbox', { name: 'Open Signal Claude when I log in' }).isChecked(), true);
  await current.getByRole('button', { name: 'Continue' }).click();
  await current.filter({ hasText: 'Send a first message' }).waitFor();
  assert.match(await current.innerText(), new RegExp(`write /add FOLDER \\(a folder inside ${code.replace(/[/.]/g, '\\$&')}\\)`));
  const saved = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as { projectRoots: string[]; launchAtLogin: boolean };
  assert.deepEqual(saved.projectRoots, [code]);
  assert.equal(saved.launchAtLogin, true);
  await saveScreenshot(page, 'first-run-message');

  claude.enqueue(reply([text('Hello from Claude.')]));
  await phone.say('/add hello');
  await phone.waitFor((m) => m.body.includes('Added hello'), 'the /add confirmation');
  await phone.say('say hello');
  await phone.waitFor((m) => m.body.includes('Hello from Claude.'), 'the first answer');
  const last = claude.messageRequests.at(-1);
  assert.equal(last && apiKeyOf(last.headers), GOOD_KEY, 'Claude runs on the key saved in the first step');
  await steps.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Sessions' }).getByRole('link', { name: 'hello', exact: true }).waitFor();
});

test('first run: a skipped step stays named as missing; "Skip for now" hides the walkthrough, even after a reload, and "Set up" brings it back', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);
  const steps = page.getByRole('region', { name: 'Getting started' });
  const current = steps.locator('[aria-current="step"]');
  const missing = page.getByTestId('setup-missing');

  await current.filter({ hasText: 'Anthropic API key' }).waitFor();
  await current.getByRole('button', { name: 'Skip this step' }).click();
  await current.filter({ hasText: 'Link with Signal' }).waitFor();
  assert.deepEqual(await steps.locator('.first-step__state').allInnerTexts(), ['Skipped', 'Next', 'Later', 'Later', 'Later']);
  assert.match(await missing.innerText(), /^Not set up yet: Anthropic key, Signal link, project folder$/);

  await steps.getByRole('button', { name: 'Skip for now' }).click();
  await steps.waitFor({ state: 'detached' });
  assert.match(await missing.innerText(), /^Not set up yet: Anthropic key, Signal link, project folder/, 'the overview still says what is missing');
  await page.reload();
  await waitForOverview(page);
  await missing.waitFor();
  assert.equal(await steps.count(), 0, 'skipping is remembered');

  await missing.getByRole('button', { name: 'Set up' }).click();
  await current.filter({ hasText: 'Anthropic API key' }).waitFor();
  assert.deepEqual(await steps.locator('.first-step__state').allInnerTexts(), ['Next', 'Later', 'Later', 'Later', 'Later']);
  await nothingPastWidth(page, page.locator('main'), 360);
});
