// Sessions as the owner sees them on the computer while driving Claude from the phone: the
// built daemon linked to Signal's mock server, Claude played by the local Anthropic-compatible
// server, the owner's phone writing in Note to Self. One daemon for the three stories (linking
// costs seconds); each story has its own project, so they do not see each other's sessions.
//
// The crash story needs a worker that dies on cue: the daemon runs the built worker wrapped by
// e2e/helpers/workers/crash-on-flag.ts (test-only SIGNAL_CLAUDE_TEST_WORKER), which exits when
// `.crash-now` appears in the project folder. Everything after the exit — crash detection,
// recovery, the second crash within a minute, the owner's notice, Restart — is the product's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SessionSummarySchema, type SessionSummary } from '../src-main/shared/api.js';
import { money } from '../src-renderer/format.js';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { launchChromium } from './helpers/chromium.js';
import { E2E_MODEL, startLinkedDaemon, type LinkedDaemon } from './helpers/linked-daemon.js';
import { waitForOverview } from './helpers/overview.js';
import { ROOT } from './helpers/paths.js';

const CRASH_WORKER = join(ROOT, 'e2e', 'helpers', 'workers', 'crash-on-flag.ts');

test('sessions: live in the overview and the session view, approvals from the app, crash and Restart, the projects in Preferences', async (t) => {
  const p = await startLinkedDaemon(t, { SIGNAL_CLAUDE_TEST_WORKER: CRASH_WORKER });
  const browser = await launchChromium(t, { deviceScaleFactor: 2 });
  const page = await browser.newPage();
  await page.goto(p.daemon.dashboardUrl);
  await waitForOverview(page);

  await t.test('a phone message starts a session that shows live, with its streamed transcript', async () => {
    const shop = p.folder('shop');
    writeFileSync(join(shop, 'README.md'), '# Shop\nA tiny shop.\n');
    writeFileSync(join(shop, 'prices.js'), 'console.log("tea 3.50");\n');
    const answer = 'The shop has two files: README.md, which describes it, and prices.js, which prints the price list.';
    p.claude.enqueue(
      reply([text('Let me look at the project.'), toolUse('Glob', { pattern: '*' })]),
      // Slow on purpose: the session view must show the text while it is being written.
      reply([text(answer)], { delayMs: 150, chunkChars: 5 }),
    );
    await addProject(p, 'shop');
    await p.phone.say('what is in this project?');

    const item = sessionItem(page, 'shop');
    await item.getByText('Working', { exact: true }).waitFor({ timeout: 30_000 });
    await item.getByRole('link', { name: 'shop' }).click();
    await page.getByRole('heading', { name: 'shop', level: 1 }).waitFor();
    const log = page.getByRole('log');
    await log.getByText('what is in this project?').waitFor();
    await log.getByText('🔧 Glob *').waitFor();
    await log.locator('.entry--tool-result').filter({ hasText: 'README.md' }).waitFor();
    const streaming = log.locator('.entry--streaming');
    await streaming.waitFor();
    const partial = (await streaming.locator('.entry__text').innerText()).trim();
    assert.ok(partial.length > 0 && answer.startsWith(partial) && partial !== answer, `text shows while it is written ("${partial}")`);
    await saveScreenshot(page, 'session-streaming');

    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes(answer), 'the final answer');
    await log.locator('.entry--assistant:not(.entry--streaming)').filter({ hasText: answer }).waitFor();
    assert.equal(await streaming.count(), 0, 'the written text replaced the streaming one');
    await page.locator('.session-view .badge').filter({ hasText: 'Idle' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop' }).isDisabled(), true, 'nothing runs, nothing to stop');
    const facts = page.locator('dl.facts');
    assert.match(await facts.innerText(), new RegExp(`Folder\\s+${escape(shop)}`));
    assert.match(await facts.innerText(), new RegExp(`Model\\s+${escape(E2E_MODEL)}\\s+Permission mode\\s+default`));
    const session = await summaryOf(p, 'shop');
    assert.ok(session.costUsd > 0, 'the turn cost something');
    assert.match(await facts.innerText(), new RegExp(`Cost so far\\s+${escape(money(session.costUsd))}`));
    await saveScreenshot(page, 'session-view');

    await page.getByRole('navigation', { name: 'Back' }).getByRole('link').click();
    await item.getByText('Idle', { exact: true }).waitFor();
    assert.equal(await item.getByLabel(`cost ${money(session.costUsd)}`).innerText(), money(session.costUsd));
  });

  await t.test('an approval shows in the app; Allow from the app and the turn finishes', async () => {
    const blog = p.folder('blog');
    const target = join(blog, 'hello.txt');
    p.claude.enqueue(
      reply([text('I will create the file.'), toolUse('Write', { file_path: target, content: 'hi\n' })]),
      reply([text('Created **hello.txt** with a greeting.')]),
    );
    await addProject(p, 'blog');
    await p.phone.say('create hello.txt saying hi');
    const ask = await p.phone.waitFor((m) => m.kind === 'notify' && /reply yes ([0-9a-f]{4}), always \1 or no \1/.test(m.body), 'the approval request');

    const waiting = page.getByRole('region', { name: 'Waiting for your answer' });
    const answers = waiting.getByRole('group', { name: /^Answer for blog: Write / });
    await answers.waitFor();
    assert.deepEqual(await answers.getByRole('button').allInnerTexts(), ['Allow', 'Always', 'Deny']);
    const id = /reply yes ([0-9a-f]{4})/.exec(ask.body)?.[1] ?? '';
    const pending = (await summaryOf(p, 'blog')).pendingApprovals;
    assert.ok(pending.some((a) => a.id.startsWith(id)), 'the app shows the approval the phone was asked');
    assert.equal(existsSync(target), false, 'nothing is written before an answer');
    await page.setViewportSize({ width: 440, height: 500 }); // about the tray popover's size
    await saveScreenshot(page, 'popover-approval'); // docs/screenshot.png is taken from this one
    await page.setViewportSize({ width: 900, height: 900 });

    await answers.getByRole('button', { name: 'Allow' }).click();
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Created hello.txt with a greeting.'), 'the final answer');
    assert.equal(readFileSync(target, 'utf8'), 'hi\n');
    await waiting.waitFor({ state: 'detached' });
    await sessionItem(page, 'blog').getByText('Idle', { exact: true }).waitFor();

    // "Always" from the app: the rule it gave is listed with the session until /new.
    p.claude.enqueue(reply([toolUse('Write', { file_path: join(blog, 'notes.txt'), content: 'n\n' })]), reply([text('Wrote the notes.')]));
    await p.phone.say('write notes.txt');
    await answers.waitFor();
    await answers.getByRole('button', { name: 'Always' }).click();
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Wrote the notes.'), 'the answer after Always');
    await sessionItem(page, 'blog').getByRole('link', { name: 'blog' }).click();
    const facts = page.locator('dl.facts');
    await facts.getByText('Allowed until a new session').waitFor();
    assert.match(await facts.innerText(), /Allowed until a new session\s+Edit\(\/notes\.txt\)/);
    await page.getByRole('navigation', { name: 'Back' }).getByRole('link').click();
  });

  await t.test('a worker that crashes twice within a minute shows as crashed with its reason; Restart revives it', async () => {
    const crashy = p.folder('crashy');
    const flag = join(crashy, '.crash-now');
    p.claude.enqueue(
      reply([text('Checking the build; this takes a little while…')], { delayMs: 200, chunkChars: 3 }),
      reply([text('The build is fine.')]),
      reply([text('Yes, I am back.')]),
    );
    await addProject(p, 'crashy');
    const asked = p.claude.messageRequests.length;
    await p.phone.say('check the build');
    const item = sessionItem(page, 'crashy');
    await item.getByText('Working', { exact: true }).waitFor({ timeout: 30_000 });
    await until(() => p.claude.messageRequests.length > asked, 'Claude being asked');

    // First crash, in the middle of Claude's (slow) answer: the app recovers and the turn goes on.
    writeFileSync(flag, '');
    await p.phone.waitFor((m) => m.body.includes("crashy: Claude's worker stopped unexpectedly (exit code 3). Recovering"), 'the recovery notice');
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('The build is fine.'), 'the answer after recovering');
    await item.getByText('Idle', { exact: true }).waitFor();

    // Second crash within the minute: it stays crashed until the owner restarts it.
    writeFileSync(flag, '');
    await item.getByText('Crashed', { exact: true }).waitFor({ timeout: 15_000 });
    assert.match(await item.locator('.crash').innerText(), /Crashed: exit code 3 \(2 times\)/);
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('crashy crashed twice within a minute (exit code 3)'), 'the crash notice');
    assert.equal(await page.locator('.session').first().getByRole('link').innerText(), 'crashy', 'a crashed session comes first');
    await saveScreenshot(page, 'popover-crashed');

    await item.getByRole('button', { name: 'Restart crashy' }).click();
    await item.getByText('Idle', { exact: true }).waitFor({ timeout: 15_000 });
    assert.equal(await item.locator('.crash').count(), 0);
    await p.phone.say('are you back?');
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Yes, I am back.'), 'an answer after Restart');
  });

  await t.test('Preferences lists the registered projects with their folder, model and mode', async () => {
    await page.getByRole('button', { name: 'Preferences' }).click();
    const list = page.getByRole('list', { name: 'Registered projects' });
    await list.waitFor();
    const items = await list.getByRole('listitem').allInnerTexts();
    assert.deepEqual(items.map((text) => text.split('\n')[0]), ['blog', 'crashy', 'shop']);
    const shop = items.find((text) => text.startsWith('shop')) ?? '';
    assert.match(shop, new RegExp(`Folder\\s+${escape(join(p.root, 'shop'))}`));
    assert.match(shop, new RegExp(`Model\\s+${escape(E2E_MODEL)} \\(app default\\)\\s+Permission mode\\s+default \\(app default\\)`));
    await saveScreenshot(page, 'preferences-projects');
  });

  assert.deepEqual(page.log.cspViolations, []);
  assert.deepEqual(page.log.consoleErrors, []);
  assert.equal(await p.daemon.stop(), 0);
});

function sessionItem(page: Page, project: string) {
  return page.getByRole('region', { name: 'Sessions' }).locator('li.session').filter({ has: page.getByRole('link', { name: project, exact: true }) });
}

/** `/add name` from the phone; the project becomes the current one. */
async function addProject(p: LinkedDaemon, name: string): Promise<void> {
  await p.phone.say(`/add ${name}`);
  await p.phone.waitFor((m) => m.body.includes(`Added ${name}`), `the /add ${name} confirmation`);
}

async function summaryOf(p: LinkedDaemon, project: string): Promise<SessionSummary> {
  const { sessions } = (await (await p.daemon.api('/api/sessions')).json()) as { sessions: unknown[] };
  const found = sessions.map((s) => SessionSummarySchema.parse(s)).find((s) => s.projectName === project);
  assert.ok(found, `a session of ${project}`);
  return found;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
