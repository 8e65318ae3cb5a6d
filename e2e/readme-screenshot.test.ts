// The picture at the top of the README, from the real app: the overview at about the tray
// popover's size while Claude in "blog" waits for approval to write a file and "shop" is idle
// after a finished turn. Every run checks that this scene renders (the approval with its answers,
// both sessions, nothing past the edge); only with UPDATE_SCREENSHOTS=1 does it write
// docs/screenshot.png, so a normal `npm test` changes no file in the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { launchChromium } from './helpers/chromium.js';
import { nothingPastWidth } from './helpers/layout.js';
import { startLinkedDaemon, type LinkedDaemon } from './helpers/linked-daemon.js';
import { waitForOverview } from './helpers/overview.js';
import { ROOT } from './helpers/paths.js';

/** About the tray popover's size; the image is taken at twice the pixels, as a retina screen shows it. */
const WIDTH = 440;
const HEIGHT = 520;
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

async function addProject(p: LinkedDaemon, name: string): Promise<void> {
  await p.phone.say(`/add ${name}`);
  await p.phone.waitFor((m) => m.body.includes(`Added ${name}`), `the /add ${name} confirmation`);
}

test(`the README picture: an approval waiting in blog, shop idle${UPDATE ? ' (writing docs/screenshot.png)' : ''}`, async (t) => {
  const p = await startLinkedDaemon(t);
  p.folder('shop');
  p.folder('blog');
  p.claude.enqueue(
    reply([text('The shop sells three kinds of tea.')]),
    reply([text('I will create the file.'), toolUse('Write', { file_path: 'hello.txt', content: 'hi\n' })]),
  );
  await addProject(p, 'shop');
  await p.phone.say('what does the shop sell?');
  await p.phone.waitFor((m) => m.body.includes('three kinds of tea'), 'the shop answer');
  await addProject(p, 'blog');
  await p.phone.say('create hello.txt saying hi');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('wants to use Write'), 'the approval request');

  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await page.goto(p.daemon.dashboardUrl);
  await waitForOverview(page);
  const answers = page.getByRole('region', { name: 'Waiting for your answer' }).getByRole('group', { name: /^Answer for blog: Write / });
  await answers.waitFor();
  assert.deepEqual(await answers.getByRole('button').allInnerTexts(), ['Allow', 'Always', 'Deny']);
  const sessions = page.getByRole('region', { name: 'Sessions' });
  await sessions.getByText('Idle', { exact: true }).waitFor();
  for (const name of ['blog', 'shop']) await sessions.getByRole('link', { name, exact: true }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Getting started' }).count(), 0, 'set up: no walkthrough in the picture');
  await nothingPastWidth(page, page.locator('main'), WIDTH);

  if (UPDATE) await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png'), fullPage: true });
});
