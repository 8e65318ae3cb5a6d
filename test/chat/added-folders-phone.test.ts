// additionalDirectories from the phone, through the whole product: the first instruction asks the
// owner about the folder a project file adds, like any approval ("yes <id>"); once confirmed Claude
// reads and writes there, /undo puts a file there back, /status lists the folder and whether
// Claude may use it, and a new session of the project (/clear) does not ask again.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

const APPROVAL = /reply yes ([0-9a-f]{4}), always/;

test('the owner confirms a project\'s added folder once from the phone, for the project; /status shows it', async (t) => {
  const p = await startProduct(t);
  const shop = p.folder('shop');
  const lib = realpathSync(p.folder('lib'));
  writeFileSync(join(lib, 'notes.txt'), 'shared notes\n');
  mkdirSync(join(shop, '.claude'));
  writeFileSync(join(shop, '.claude/settings.json'), JSON.stringify({ permissions: { additionalDirectories: ['../lib'], defaultMode: 'acceptEdits' } }));
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'added');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: join(lib, 'notes.txt') }), toolUse('Write', { file_path: join(lib, 'todo.txt'), content: 'x' })]),
    reply([text('The notes say: shared notes.')]),
  );
  await p.phone.say('read the shared notes');
  const asked = await p.phone.waitFor((m) => APPROVAL.test(m.body) && m.body.includes(lib), 'the folder question');
  assert.match(asked.body, /an added folder/);
  assert.match(asked.body, /\.claude\/settings\.json adds this folder/);
  await p.phone.say(`yes ${APPROVAL.exec(asked.body)![1]!}`);
  await p.phone.waitFor((m) => m.body.includes('The notes say: shared notes.'), 'the answer');
  assert.equal(p.phone.shown.filter((m) => APPROVAL.test(m.body)).length, 1, 'one question: the Read and (acceptEdits) the Write need none');
  assert.equal(existsSync(join(lib, 'todo.txt')), true);
  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes(`📁 added folder ${lib} (.claude/settings.json): Claude may use it`), '/status listing the folder');
  await p.phone.say('/undo');
  await p.phone.waitFor((m) => m.body.includes('Restored 1 file') && m.body.includes('lib/todo.txt'), 'the undo');
  assert.equal(existsSync(join(lib, 'todo.txt')), false);

  await p.phone.say('/clear');
  await p.phone.waitFor((m) => m.body.includes('Clear the conversation in shop'), 'the /clear question');
  await p.phone.say('/clear yes');
  await p.phone.waitFor((m) => m.body.includes('Cleared the conversation in shop'), 'a new session');
  p.claude.enqueue(reply([toolUse('Read', { file_path: join(lib, 'notes.txt') })]), reply([text('Read them again.')]));
  await p.phone.say('read the shared notes again');
  await p.phone.waitFor((m) => m.body.includes('Read them again.'), 'the new session\'s answer');
  assert.equal(p.phone.shown.filter((m) => APPROVAL.test(m.body)).length, 1, 'the new session does not ask again');
  assert.match(JSON.stringify(p.claude.messageRequests.at(-2)?.body), /shared notes/, 'the Read in the new session reached the file');
});
