// A project's `permissions.defaultMode` from the phone, through the whole product: with no /mode
// chosen the session runs in the file's mode and /status says where it comes from; the owner's
// /mode then wins over the file.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('a project\'s defaultMode applies until the owner chooses a mode with /mode, and /status names its file', async (t) => {
  const p = await startProduct(t);
  const shop = p.folder('shop');
  writeFileSync(join(shop, 'a.txt'), 'old\n');
  mkdirSync(join(shop, '.claude'));
  writeFileSync(join(shop, '.claude/settings.json'), JSON.stringify({ permissions: { defaultMode: 'acceptEdits' } }));
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'added');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: join(shop, 'a.txt') }), toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'old', new_string: 'new' })]),
    reply([text('Edited without asking.')]),
  );
  await p.phone.say('edit a.txt');
  await p.phone.waitFor((m) => m.body.includes('Edited without asking.'), 'the answer');
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'new\n');
  assert.equal(p.phone.shown.filter((m) => /reply yes/.test(m.body)).length, 0, 'acceptEdits from the file: no approval');
  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes('acceptEdits (defaultMode in .claude/settings.json) mode'), '/status naming the file');

  await p.phone.say('/mode default');
  await p.phone.waitFor((m) => m.body.includes('now runs in default mode'), 'mode set');
  p.claude.enqueue(reply([toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'new', new_string: 'newer' })]), reply([text('Asked first.')]));
  await p.phone.say('edit it again');
  await p.phone.waitFor((m) => /reply yes/.test(m.body), 'the owner\'s mode asks');
});
