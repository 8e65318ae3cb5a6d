// The session view reads like a conversation: Claude's Markdown rendered (raw HTML never is),
// each tool call one line that expands to its change, long outputs collapsed, a pending
// approval answered in place, and nothing wider than the 360-pixel popover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { nothingPastWidth } from './helpers/layout.js';
import { openPopoverPage, POPOVER_WIDTH as NARROW } from './helpers/popover-page.js';

test('session view: Markdown, one-line tool calls that expand, collapsed long output, an approval in place, no overflow at 360 px', async (t) => {
  const { p, page } = await openPopoverPage(t);

  const docs = p.folder('docs');
  writeFileSync(join(docs, 'README.md'), '# Docs\nOld line.\n');
  writeFileSync(join(docs, 'log.txt'), Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: 'README.md' })]), // an existing file is read before it is edited
    reply([text('I will **update** the README.'), toolUse('Edit', { file_path: 'README.md', old_string: 'Old line.\n', new_string: 'New line.\nAnother line.\n' })]),
    reply([toolUse('Read', { file_path: 'log.txt' })]),
    reply([
      text(
        'Done:\n\n- the README has **two** new lines\n- the log has 40 lines\n\n<b class="raw">raw html</b>\n\n```js\nconst aVeryLongName = ' +
          "'x'.repeat(200) + 'y'.repeat(200) + 'z'.repeat(200) + 'w'.repeat(200);\n```",
      ),
    ]),
  );
  await p.phone.say('/add docs');
  await p.phone.waitFor((m) => m.body.includes('Added docs'), 'the /add confirmation');
  await p.phone.say('update the readme');

  await page.getByRole('region', { name: 'Sessions' }).getByRole('link', { name: 'docs', exact: true }).click();
  const log = page.getByRole('log');
  const card = log.getByLabel(/^Approval [0-9a-f]{4}: docs wants to use Edit$/);
  await card.waitFor({ timeout: 30_000 });
  assert.equal(await log.locator('.entry--assistant strong').first().innerText(), 'update', 'Markdown bold, not asterisks');
  const call = log.locator('details.tool-line').filter({ hasText: '🔧 Edit README.md +2 −1' });
  await call.waitFor();
  await nothingPastWidth(page, page.locator('main'), NARROW);
  await saveScreenshot(page, 'session-view-approval');
  await card.getByRole('button', { name: 'Allow' }).click();

  const final = log.locator('.entry--assistant').filter({ hasText: 'the log has 40 lines' });
  await final.waitFor({ timeout: 30_000 });
  assert.equal(readFileSync(join(docs, 'README.md'), 'utf8'), '# Docs\nNew line.\nAnother line.\n');
  assert.deepEqual(await final.locator('li').allInnerTexts(), ['the README has two new lines', 'the log has 40 lines']);
  assert.equal(await final.locator('b.raw').count(), 0, 'raw HTML is not rendered');
  assert.equal(await card.count(), 0, 'the answered approval left the view');

  assert.equal(await call.getByRole('region', { name: 'Change to README.md' }).isVisible(), false, 'the call starts as one line');
  await call.locator('summary').click();
  const change = call.getByRole('region', { name: 'Change to README.md' });
  await change.waitFor();
  assert.deepEqual(await change.locator('.diff__add').allInnerTexts(), ['+New line.\n', '+Another line.\n']);
  assert.deepEqual(await change.locator('.diff__del').allInnerTexts(), ['−Old line.\n']);

  const output = log.locator('.entry--tool-result details.tool-output').filter({ hasText: '(40 lines)' });
  await output.waitFor();
  assert.equal(await output.getAttribute('open'), null, 'a long output starts collapsed');
  await output.locator('summary').click();
  assert.match(await output.locator('pre').innerText(), /line 40/);
  await nothingPastWidth(page, page.locator('main'), NARROW);
  await saveScreenshot(page, 'session-view-narrow', { fullPage: true });
});
