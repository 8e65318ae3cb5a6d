// `npm run demo` as a newcomer uses it: it starts Signal's mock server, the scripted Claude and
// the daemon, links by itself and registers the demo project; the page has a DEMO phone panel
// where typing as the phone drives Claude, approvals included. (The demo runs from source
// through tsx, not from dist/; it serves the built dashboard.) The normal app never has the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { waitForOverview } from './helpers/overview.js';
import { assertBuilt, ROOT } from './helpers/paths.js';
import { tempDataDir } from './helpers/temp.js';

test('npm run demo: links by itself, and the DEMO phone panel drives Claude through an approval', async (t) => {
  const demo = await startDemo(t);
  const page = await (await launchChromium(t)).newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(demo.url);
  await waitForOverview(page);
  const panel = page.getByRole('complementary', { name: /DEMO.*Phone/ });
  const log = panel.getByRole('log', { name: 'Note to Self on the demo phone' });
  await log.getByText('Added hello-app').waitFor({ timeout: 30_000 });
  assert.match(await panel.innerText(), /not your Signal/, 'it says it is a simulation');
  const origin = new URL(demo.url).origin;
  const anonymous = await fetch(`${origin}/api/demo/phone`, { method: 'POST', body: JSON.stringify({ text: '/status' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(anonymous.status, 401, 'the demo phone needs the token like every route');

  await panel.getByRole('button', { name: 'add a line to the README' }).click();
  await panel.getByRole('button', { name: 'Send' }).click();
  await log.getByText('add a line to the README').waitFor();
  const answers = log.getByRole('group', { name: 'Answer from the phone' });
  await answers.waitFor({ timeout: 30_000 });
  await page.getByRole('region', { name: 'Waiting for your answer' }).getByRole('group', { name: /^Answer for hello-app: Edit / }).waitFor();
  await saveScreenshot(page, 'demo-approval', { fullPage: false });

  await answers.getByRole('button', { name: /^yes [0-9a-f]{4}$/ }).click();
  await log.getByText(/Done: README\.md now has a line/).waitFor({ timeout: 30_000 });
  assert.match(readFileSync(join(demo.project, 'README.md'), 'utf8'), /^# Hello app\n\n_Edited from my phone, through Signal\._\n/);
  await saveScreenshot(page, 'demo', { fullPage: false });
  assert.deepEqual(page.log.consoleErrors, []);
  assert.deepEqual(page.log.cspViolations, []);

  assert.equal(await demo.stop(), 0);
  assert.equal(existsSync(demo.project), false, 'the demo removes its temporary folder');
});

test('the normal app has no demo phone: no panel, and its routes answer 404', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);
  assert.equal(await page.getByRole('complementary').count(), 0);
  assert.equal((await daemon.api('/api/demo/phone')).status, 404);
  const say = await daemon.api('/api/demo/phone', { method: 'POST', body: JSON.stringify({ text: 'hi' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(say.status, 404);
  await daemon.stop();
});

interface Demo {
  readonly url: string;
  readonly project: string;
  stop(): Promise<number | null>;
}

/** `node scripts/demo.mjs` (the build is the suite's), with none of the developer's Anthropic settings. */
async function startDemo(t: TestContext): Promise<Demo> {
  assertBuilt();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SIGNAL_CLAUDE_') && !k.startsWith('ANTHROPIC_')) env[k] = v;
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--no-build', '--no-open'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(async () => {
    // As Ctrl+C would, so the demo still removes its folder when a check above failed.
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
    await exited;
    clearTimeout(timer);
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo was not ready in 60 s; stdout: ${out}; stderr: ${err}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^Demo ready\.$/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the demo exited (${code}); stderr: ${err}`)));
  });
  const url = /^Dashboard: (\S+)$/m.exec(out)?.[1];
  const project = /The project folder: (\S+)$/m.exec(out)?.[1];
  assert.ok(url && project, `the demo prints its URL and project folder: ${out}`);
  return {
    url,
    project,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
