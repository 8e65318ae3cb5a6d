// The pairing and session views when there is nothing to show: they say what the daemon
// answers (its reason for having no code; that there is no such session) and never make
// anything up. The happy paths are in pairing.test.ts and the sessions specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairingSchema, StatusSchema } from '../src-main/shared/api.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { unreachableSignalConfig } from '../test/helpers/signal-config.js';
import { tempDataDir } from './helpers/temp.js';

test('the pairing view shows the linking code, or the daemon\'s reason for having none', async (t) => {
  // A Signal server that is not there: the view must say why it has no code, not spin forever.
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t), '--signal-config', await unreachableSignalConfig(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await page.getByRole('button', { name: 'Pair device' }).click();
  await page.getByRole('heading', { name: 'Link with Signal', level: 1 }).waitFor();
  const qr = page.getByRole('img', { name: 'QR code to link this computer with Signal' });
  const reason = page.getByRole('alert');
  await qr.or(reason).first().waitFor({ timeout: 20_000 });
  assert.equal(await qr.count(), 0, 'no server, no code');
  const pairing = PairingSchema.parse(await (await daemon.api('/api/pairing')).json());
  assert.equal(pairing.url, null);
  const status = StatusSchema.parse(await (await daemon.api('/api/status')).json());
  const start = (await (await daemon.api('/api/pairing/start', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).json()) as { error?: { message: string } };
  const sentences = [pairing.error, status.signal.lastError, start.error?.message].filter(Boolean);
  assert.ok(sentences.length > 0, 'no URL and no reason would be a daemon bug');
  const shown = await reason.allInnerTexts();
  assert.ok(shown.some((text) => sentences.some((s) => text.includes(s ?? ''))), `the page shows the daemon's own sentence (${shown.join(' | ')} vs ${sentences.join(' | ')})`);
  await saveScreenshot(page, 'pairing-no-server');
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
