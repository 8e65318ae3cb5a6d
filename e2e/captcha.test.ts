// Signal holds replies back and asks for a captcha (a 428 on a send, from Signal's mock server):
// the overview says so with a link to Signal's captcha page and a field for the signalcaptcha://
// link; what is not a captcha and what Signal refuses are said in a sentence and lose nothing;
// an accepted captcha sends the held reply to the phone at once. Built daemon, real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HealthSchema } from '../src-main/shared/api.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startLinkedDaemon } from './helpers/linked-daemon.js';

const SOLVED = 'signalcaptcha://signal-hcaptcha.5fad97ac-7d06-4e44-b18a-b950b20148ff.challenge.P1_eyJ0eXAiOiJKV1Qi';

test('a captcha challenge: the overview links the captcha page, refuses a wrong captcha, and a solved one sends the held reply', async (t) => {
  const { daemon, mock, phone } = await startLinkedDaemon(t);
  const owner = mock.phone.device.aci as never;
  mock.server.rateLimit({ source: owner, target: owner });
  await phone.say('/help');

  const browser = await launchChromium(t);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 380, height: 900 });
  await page.goto(daemon.dashboardUrl);
  const card = page.getByRole('region', { name: 'Signal wants a captcha' });
  await card.waitFor();
  assert.equal(await card.getByRole('link', { name: 'open the captcha page' }).getAttribute('href'), 'https://signalcaptchas.org/challenge/generate');
  const health = HealthSchema.parse(await (await daemon.api('/api/health')).json());
  const stuck = health.problems.find((p) => p.code === 'outbox-stuck');
  assert.match(stuck?.message ?? '', /Solve the captcha at https:\/\/signalcaptchas\.org\/challenge\/generate and paste the signalcaptcha:\/\/ link it gives into the app's dashboard/);
  await saveScreenshot(page, 'captcha-challenge');

  const field = card.getByRole('textbox', { name: 'Captcha link' });
  const send = card.getByRole('button', { name: 'Send captcha' });
  await field.fill('not a captcha at all');
  await send.click();
  await card.getByRole('alert').filter({ hasText: 'not a Signal captcha' }).waitFor();

  mock.server.respondToChallengesWith(428);
  await field.fill(SOLVED);
  await send.click();
  await card.getByRole('alert').filter({ hasText: 'did not accept the captcha' }).waitFor();
  assert.equal(await field.inputValue(), SOLVED, 'what was pasted stays to look at');

  // Signal accepts it and lifts the limit (the mock needs telling): the reply goes out now.
  mock.server.stopRespondingToChallenges();
  mock.server.stopRateLimiting({ source: owner, target: owner });
  await send.click();
  await card.waitFor({ state: 'detached' });
  await phone.waitFor((m) => /\/help|\/add/.test(m.body), 'the held answer to /help arrives');
  assert.deepEqual(page.log.cspViolations, []);
  // Chromium logs each refused request (the two 400s above); nothing else went wrong.
  assert.deepEqual(page.log.consoleErrors.filter((e) => !/status of 400 .*\/api\/signal\/captcha/.test(e)), []);
});
