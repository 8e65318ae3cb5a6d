// /add-dir from the phone, through the whole product: the owner's folder is usable at the next
// instruction without a question, /status and /add-dir list it, bad paths get a clear refusal,
// and `/add-dir remove` takes it back.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { tempHome } from '../helpers/temp.js';

test('/add-dir adds a folder Claude may use from the next instruction, lists it, refuses bad paths and takes it back', async (t) => {
  const p = await startProduct(t);
  p.folder('shop');
  const lib = realpathSync(p.folder('lib'));
  writeFileSync(join(lib, 'notes.txt'), 'shared notes\n');
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'added');
  await p.phone.say('/add-dir');
  await p.phone.waitFor((m) => m.body.includes('shop has no folders added with /add-dir'), 'the empty list');
  await p.phone.say('/add-dir ../nowhere');
  await p.phone.waitFor((m) => m.body.includes('../nowhere cannot be added: it does not exist.'), 'a missing folder');
  await p.phone.say('/add-dir ../lib/notes.txt');
  await p.phone.waitFor((m) => m.body.includes('cannot be added: it is not a folder.'), 'a file');
  await p.phone.say('/add-dir .');
  await p.phone.waitFor((m) => m.body.includes('. cannot be added: it is part of shop already.'), 'the project itself');
  await p.phone.say(`/add-dir ${p.dataDir}`);
  await p.phone.waitFor((m) => m.body.includes("cannot be added: it holds the app's own data."), 'the data folder');
  // The owner's ~/.claude is trusted without a question: no folder Claude may write in may hold it.
  const home = tempHome(t);
  mkdirSync(join(home, '.claude/agents'), { recursive: true });
  for (const dir of ['~', '~/.claude', '~/.claude/agents']) {
    await p.phone.say(`/add-dir ${dir}`);
    await p.phone.waitFor((m) => m.body.includes(`${dir} cannot be added: Claude must not change the settings in ~/.claude.`), `the refusal of ${dir}`);
  }

  await p.phone.say('/add-dir ../lib');
  await p.phone.waitFor((m) => m.body.includes(`Added ${lib} to shop`), 'added');
  p.claude.enqueue(reply([toolUse('Read', { file_path: join(lib, 'notes.txt') })]), reply([text('The notes say: shared notes.')]));
  await p.phone.say('read the shared notes');
  await p.phone.waitFor((m) => m.body.includes('The notes say: shared notes.'), 'the answer');
  assert.equal(p.phone.shown.filter((m) => /reply yes/.test(m.body)).length, 0, 'the owner\'s own folder is not asked about');
  assert.match(JSON.stringify(p.claude.messageRequests.at(-1)?.body), /shared notes/);
  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes(`📁 added folder ${lib} (/add-dir): Claude may use it`), '/status listing it');
  await p.phone.say('/add-dir');
  await p.phone.waitFor((m) => m.body.includes(`Folders Claude may use besides shop:\n• ${lib}`), 'the list');

  await p.phone.say('/add-dir remove ../lib');
  await p.phone.waitFor((m) => m.body.includes(`${lib} is no longer added to shop`), 'removed');
  p.claude.enqueue(reply([toolUse('Read', { file_path: join(lib, 'notes.txt') })]), reply([text('Out of reach now.')]));
  await p.phone.say('read them again');
  await p.phone.waitFor((m) => m.body.includes('Out of reach now.'), 'the second answer');
  assert.match(JSON.stringify(p.claude.messageRequests.at(-1)?.body), /notes\.txt is outside the project folder/);
});
