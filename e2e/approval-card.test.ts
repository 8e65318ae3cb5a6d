// The app's approval card, as the owner judges a request on the computer: Claude's reason, the
// exact change as a syntax-coloured diff (text only: markup in a patch stays text), the command
// with its folder and sandbox, and Allow / Always / Deny with a reason that reaches Claude.
// At the tray popover's narrowest (360 px) nothing runs off the side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { saveScreenshot } from './helpers/artifacts.js';
import { nothingPastWidth } from './helpers/layout.js';
import { sandboxSupport } from '../src-main/agent/sandbox/detect.js';
import { openPopoverPage, POPOVER_WIDTH as NARROW } from './helpers/popover-page.js';

test('approval card: the change as a coloured diff, the command with folder and sandbox, Deny with a reason, Allow', async (t) => {
  const { p, page } = await openPopoverPage(t);

  const shop = p.folder('shop');
  const source = 'export function price(cents: number): string {\n  return `$${cents / 100}`;\n}\n// <img src=x onerror="document.title=1">\n';
  writeFileSync(join(shop, 'price.ts'), source);
  p.claude.enqueue(
    reply([
      text('The price shows too many decimals. I will round it to **two** decimals.'),
      toolUse('Edit', { file_path: 'price.ts', old_string: 'return `$${cents / 100}`;', new_string: 'return `$${(cents / 100).toFixed(2)}`;' }),
    ]),
    reply([text('Checking the tests instead.'), toolUse('Bash', { command: 'npm test -- --grep price', description: 'Run the price tests' })]),
    reply([text('Tests ran.')]),
  );
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'the /add confirmation');
  await p.phone.say('fix the price format');

  const waiting = page.getByRole('region', { name: 'Waiting for your answer' });
  const edit = waiting.getByLabel(/^Approval [0-9a-f]{4}: shop wants to use Edit$/);
  await edit.waitFor({ timeout: 30_000 });
  assert.equal((await edit.locator('.approval__intent').innerText()).trim(), '💬 I will round it to **two** decimals.');
  const diff = edit.getByRole('region', { name: 'Change to price.ts' });
  assert.deepEqual(await diff.locator('.diff__del').allInnerTexts(), ['−  return `$${cents / 100}`;\n']);
  assert.deepEqual(await diff.locator('.diff__add').allInnerTexts(), ['+  return `$${(cents / 100).toFixed(2)}`;\n']);
  assert.ok((await diff.locator('.diff__add .token.keyword').allInnerTexts()).includes('return'), 'the code is coloured');
  assert.ok((await diff.locator('.diff__ctx').allInnerTexts()).some((l) => l.includes('<img src=x onerror="document.title=1">')), 'markup in the file shows as text');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'and is never turned into HTML');
  assert.match(await edit.locator('.approval__file').innerText(), /price\.ts\s+\+1 −1/);
  await nothingPastWidth(page, edit, NARROW);
  await saveScreenshot(page, 'approval-card-edit');

  await edit.getByLabel('Reason for Claude (optional)').fill('keep it as is, check the tests first');
  const asked = p.claude.messageRequests.length;
  await edit.getByRole('button', { name: 'Deny' }).click();
  await edit.waitFor({ state: 'detached' });
  assert.equal(readFileSync(join(shop, 'price.ts'), 'utf8'), source, 'denied: nothing changed');

  const bash = waiting.getByLabel(/^Approval [0-9a-f]{4}: shop wants to use Bash$/);
  await bash.waitFor({ timeout: 30_000 });
  const denial = JSON.stringify(p.claude.messageRequests[asked]?.body.messages.at(-1));
  assert.match(denial, /The owner denied this tool call\. Their reason: keep it as is, check the tests first/);
  assert.equal((await bash.locator('.approval__command').innerText()).trim(), 'npm test -- --grep price');
  assert.match(await bash.innerText(), new RegExp(`📁 ${shop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // The card says what is true on this computer: sandboxed where bwrap (or sandbox-exec) works.
  assert.match(await bash.innerText(), sandboxSupport().kind === 'none' ? /🔓 Runs unsandboxed/ : /🔒 Runs sandboxed/);
  await nothingPastWidth(page, bash, NARROW);
  await saveScreenshot(page, 'approval-card-bash');
  await bash.getByRole('button', { name: 'Allow' }).click();
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Tests ran.'), 'the final answer');
  await waiting.waitFor({ state: 'detached' });
});
