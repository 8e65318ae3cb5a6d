// The dashboard's data is the owner's alone: the API answers nothing without the start-up
// token, the token leaves the address bar once read (a reload still works: the tab keeps it),
// and the page runs under its strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { waitForOverview } from './helpers/overview.js';
import { tempDataDir } from './helpers/temp.js';

test('without the token the API refuses and the page says what to open; with it the page loads, forgets the token and survives a reload', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const browser = await launchChromium(t);
  const page = await browser.newPage();

  // The page is the same static build for everyone; without a token it has nothing to show.
  const bare = await page.goto(`${daemon.base}/`);
  assert.equal(bare?.status(), 200);
  await page.getByRole('alert').filter({ hasText: 'This page needs the access token' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Sessions' }).count(), 0, 'no data without the token');
  const wrong = await page.goto(`${daemon.base}/?token=not-the-token`);
  assert.equal(wrong?.status(), 401, 'a wrong token is refused outright');
  assert.match(await page.locator('body').innerText(), /not \(or no longer\) valid.*Dashboard URL/s);

  // From a page of the same origin but without the token, the API stays shut.
  const anonymous = await page.evaluate(async () => (await fetch('/api/status')).status);
  assert.equal(anonymous, 401);

  page.log.consoleErrors.length = 0; // the refusals above were logged as failed loads, on purpose
  const ok = await page.goto(daemon.dashboardUrl);
  assert.equal(ok?.status(), 200);
  await waitForOverview(page);
  assert.ok(!page.url().includes('token'), `the token left the address bar (now ${page.url()})`);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('signal-claude.token')), daemon.token, 'it lives in this tab only');

  // A reload (the address bar no longer has the token) keeps working.
  const reloaded = await page.reload();
  assert.equal(reloaded?.status(), 200);
  await waitForOverview(page);
  assert.equal(await page.getByRole('region', { name: 'Sessions' }).count(), 1, 'the reloaded page shows the data again');
  assert.deepEqual(page.log.cspViolations, [], 'nothing the page does breaks its CSP');
  assert.deepEqual(page.log.consoleErrors, []);

  // Another tab opened without the token gets nothing, even with the first one open: no cookie
  // or other ambient credential carries the token over.
  const other = await browser.newPage();
  await other.goto(`${daemon.base}/`);
  await other.getByRole('alert').filter({ hasText: 'This page needs the access token' }).waitFor();
  assert.deepEqual(await browser.context.cookies(), [], 'no cookies');
  assert.equal(await daemon.stop(), 0);
});

test('the page is served with its CSP and cannot be framed', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const res = await fetch(daemon.dashboardUrl);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/, 'no inline or eval script');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the page');
  assert.doesNotMatch(html, /\sstyle=/, 'no inline style in the page');
  await daemon.stop();
});

test('after a restart, an open page is told its token expired and to open the new Dashboard URL', async (t) => {
  const dataDir = tempDataDir(t);
  const port = await freePort();
  const first = await startBuiltDaemon(t, ['--data-dir', dataDir, '--port', String(port)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(first.dashboardUrl);
  await waitForOverview(page);
  await first.stop();
  await page.getByRole('alert').filter({ hasText: 'Lost the connection to Signal Claude' }).waitFor();
  const second = await startBuiltDaemon(t, ['--data-dir', dataDir, '--port', String(port)]);
  assert.notEqual(second.token, first.token, 'every start has a new token');
  await page.getByRole('alert').filter({ hasText: 'restarted with a new access token' }).waitFor({ timeout: 20_000 });
  await second.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}
