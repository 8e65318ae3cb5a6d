// First run in the app: with nothing set up, the overview walks through linking with Signal,
// allowing a project folder and sending a first message, one step at a time; each step is
// marked done as it happens (the phone links, the folder is saved, a session starts) and the
// walkthrough leaves once all are done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { PairingSchema } from '../src-main/shared/api.js';
import { AnthropicTestServer, reply, text } from '../test/helpers/anthropic-server.js';
import { startMockSignal } from '../test/helpers/mock-signal.js';
import { Phone } from '../test/helpers/phone.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { nothingPastWidth } from './helpers/layout.js';
import { waitForOverview } from './helpers/overview.js';
import { tempDataDir } from './helpers/temp.js';

test('first run: link, allow a folder, send a first message; each step done in turn, then the walkthrough leaves', async (t) => {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  t.after(() => claude.close());
  const dataDir = tempDataDir(t);
  const code = join(realpathSync(tempDataDir(t)), 'code');
  mkdirSync(join(code, 'hello'), { recursive: true });
  const daemon = await startBuiltDaemon(t, ['--data-dir', dataDir, '--signal-config', mock.configPath, '--model', 'claude-sonnet-4-6'], {
    ANTHROPIC_API_KEY: 'sk-ant-e2e-local-server',
    ANTHROPIC_BASE_URL: claude.url,
  });
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);

  const steps = page.getByRole('region', { name: 'Getting started' });
  const current = steps.locator('[aria-current="step"]');
  await current.filter({ hasText: 'Link with Signal' }).waitFor();
  assert.deepEqual(await steps.locator('.first-step__state').allInnerTexts(), ['Next', 'Later', 'Later']);
  await nothingPastWidth(page, page.locator('main'), 360);
  await saveScreenshot(page, 'first-run-link');

  // The phone scans the code: the first step is done and the folder is next.
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
  await current.filter({ hasText: 'Send a first message' }).waitFor();
  assert.match(await current.innerText(), new RegExp(`write /add FOLDER \\(a folder inside ${code.replace(/[/.]/g, '\\$&')}\\)`));
  const saved = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as { projectRoots: string[] };
  assert.deepEqual(saved.projectRoots, [code]);
  await saveScreenshot(page, 'first-run-message');

  claude.enqueue(reply([text('Hello from Claude.')]));
  await phone.say('/add hello');
  await phone.waitFor((m) => m.body.includes('Added hello'), 'the /add confirmation');
  await phone.say('say hello');
  await phone.waitFor((m) => m.body.includes('Hello from Claude.'), 'the first answer');
  await steps.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Sessions' }).getByRole('link', { name: 'hello', exact: true }).waitFor();
});

test('first run: "Skip for now" hides the walkthrough', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);
  const steps = page.getByRole('region', { name: 'Getting started' });
  await steps.waitFor();
  await steps.getByRole('button', { name: 'Skip for now' }).click();
  assert.equal(await steps.count(), 0);
});
