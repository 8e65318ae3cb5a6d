// Linking as a phone would: the pairing page shows a QR code, a real decoder reads it from a
// screenshot, Signal's mock server completes the link as the owner's phone, and the page says
// the computer is linked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { PairingSchema } from '../src-main/shared/api.js';
import { startMockSignal } from '../test/helpers/mock-signal.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { scanQr } from './helpers/qr.js';
import { tempDataDir } from './helpers/temp.js';

test('pairing: the phone scans the code on the page, links, and the page says so', async (t: TestContext) => {
  const mock = await startMockSignal(t);
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t), '--signal-config', mock.configPath]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await page.getByRole('button', { name: 'Pair device' }).click();

  const qr = page.getByRole('img', { name: 'QR code to link this computer with Signal' });
  await qr.waitFor({ timeout: 30_000 });
  for (const step of ['Open Signal on your phone', 'Linked devices', 'Link new device']) await page.getByText(step).first().waitFor();
  await saveScreenshot(page, 'pairing-qr');
  const scanned = await scanQr(qr);
  assert.match(scanned ?? '', /^sgnl:\/\/linkdevice\?/, 'the code on screen is a linking URL a phone can read');
  const current = PairingSchema.parse(await (await daemon.api('/api/pairing')).json());
  assert.equal(scanned, current.url, 'it is the URL of the socket open now');

  await mock.completeLink(scanned ?? '');
  await page.getByRole('heading', { name: 'This computer is linked' }).waitFor({ timeout: 30_000 });
  await saveScreenshot(page, 'pairing-linked');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('main', { name: 'Signal Claude' }).getByRole('status').filter({ hasText: /^Linked/ }).waitFor();
  assert.equal(await daemon.stop(), 0);
});
