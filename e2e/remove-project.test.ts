// "Remove project…" in the session view, at the popover's 360-pixel width, while Claude waits
// for an approval: Cancel changes nothing; removing with "Delete it" ends the session, cancels
// the approval (the phone is told too), takes the project off every list, and leaves the
// folder as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../test/helpers/anthropic-server.js';
import { nothingPastWidth } from './helpers/layout.js';
import { openPopoverPage, POPOVER_WIDTH as NARROW } from './helpers/popover-page.js';

test('Remove project… asks keep or delete, then ends the session mid-approval and the project is gone; the folder stays', async (t) => {
  const { p, page } = await openPopoverPage(t);
  const shop = p.folder('shop');
  writeFileSync(join(shop, 'README.md'), '# shop\n');
  p.claude.enqueue(reply([text('Writing the notes.'), toolUse('Write', { file_path: 'NOTES.md', content: 'notes\n' })]));
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'the /add confirmation');
  await p.phone.say('write the notes');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('wants to use Write'), 'the approval request');

  const row = page.getByRole('region', { name: 'Sessions' }).getByRole('listitem').filter({ hasText: 'shop' });
  await row.getByRole('link', { name: 'shop', exact: true }).click();
  await page.getByRole('log').getByRole('button', { name: 'Allow' }).waitFor();

  await page.getByRole('button', { name: 'Remove project…' }).click();
  const question = page.getByRole('group', { name: 'Remove shop?' });
  await question.waitFor();
  assert.match(await question.innerText(), /a running turn stops and waiting approvals are cancelled\. The folder .*shop stays as it is\./s);
  assert.equal(await question.getByRole('radio', { name: /Keep it on this computer/ }).isChecked(), true, 'keeping is the default');
  await nothingPastWidth(page, page.locator('main'), NARROW);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('log').getByRole('button', { name: 'Allow' }).count(), 1, 'Cancel changed nothing');

  await page.getByRole('button', { name: 'Remove project…' }).click();
  await question.getByRole('radio', { name: 'Delete it' }).check();
  await question.getByRole('button', { name: 'Remove and delete history' }).click();
  await page.getByText('Removed shop: the running turn was stopped and 1 waiting approval was cancelled. Its history was deleted. The folder was not touched.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Allow' }).count(), 0, 'no approval is offered any more');

  const told = await p.phone.waitFor((m) => m.body.startsWith('🗑 Forgot project shop'), 'the phone is told');
  assert.equal(told.kind, 'silent', 'told without ringing');
  assert.match(told.body, /Cancelled 1 waiting approval: [0-9a-f]{4,8} \(Write/);
  assert.match(told.body, /Its history is deleted from this computer\./);

  const projects = (await (await p.daemon.api('/api/projects')).json()) as { projects: unknown[] };
  assert.deepEqual(projects.projects, []);
  await page.getByRole('link', { name: '← Overview' }).click();
  await page.getByRole('region', { name: 'Sessions' }).waitFor();
  // The list is live: the ended session leaves it once its worker (in the session host) is gone.
  await page.getByRole('region', { name: 'Sessions' }).getByRole('link', { name: 'shop', exact: true }).waitFor({ state: 'detached' });
  assert.equal(readFileSync(join(shop, 'README.md'), 'utf8'), '# shop\n', 'the folder is untouched');
  assert.equal(existsSync(join(shop, 'NOTES.md')), false, 'the cancelled Write never ran');
});
