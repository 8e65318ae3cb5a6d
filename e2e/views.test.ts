// The pairing and session views, as far as today's daemon can fill them: they show what the
// daemon answers (a code, or its reason for having none; a session, or that there is none) and
// never make anything up. Screenshots of both go to e2e-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairingSchema } from '../src-main/shared/api.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { tempDataDir } from './helpers/temp.js';

test('the pairing view shows the linking code, or the daemon\'s reason for having none', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await page.getByRole('button', { name: 'Pair device' }).click();
  await page.getByRole('heading', { name: 'Link with Signal', level: 1 }).waitFor();
  const qr = page.getByRole('img', { name: 'QR code to link this computer with Signal' });
  const reason = page.getByRole('alert');
  await qr.or(reason).first().waitFor();
  const pairing = PairingSchema.parse(await (await daemon.api('/api/pairing')).json());
  if (pairing.url) {
    assert.ok(await qr.isVisible(), 'the daemon has a URL: the page draws it');
    for (const step of ['Open Signal on your phone', 'Linked devices', 'Link new device']) await page.getByText(step).first().waitFor();
  } else {
    const start = await daemon.api('/api/pairing/start', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    const body = (await start.json()) as { error?: { message: string } };
    assert.ok(body.error, 'no URL and no error would be a daemon bug');
    assert.equal(await reason.first().innerText(), body.error.message, 'the page shows the daemon\'s own sentence');
    assert.equal(await qr.count(), 0, 'no code is drawn without a URL');
  }
  await saveScreenshot(page, 'pairing');
  await daemon.stop();
});

test('the session view of a session that does not exist says so', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(`${daemon.dashboardUrl}#/session/no-such-session`);
  await page.getByRole('alert').filter({ hasText: 'There is no session no-such-session.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Stop' }).count(), 0, 'no controls for a session that is not there');
  await saveScreenshot(page, 'session-missing');
  await daemon.stop();
});
