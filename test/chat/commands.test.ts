// Every phone command through the whole product (Signal's mock server, the local Anthropic
// server, real workers), checked on what the phone shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct, type Product } from '../helpers/product.js';

async function addProject(p: Product, name: string): Promise<string> {
  const dir = p.folder(name);
  await p.phone.say(`/add ${name}`);
  await p.phone.waitFor((m) => m.body.includes(`Added ${name}`), `${name} added`);
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: dir, stdio: 'ignore' });
}

test('/projects, /use, /status, /cost, /history and /new', async (t) => {
  const p = await startProduct(t);
  await addProject(p, 'shop');
  await addProject(p, 'api');
  p.claude.enqueue(reply([text('Shop answer.')]));
  await p.phone.say('/use shop');
  await p.phone.waitFor((m) => m.body.includes('Now talking to shop'), '/use');
  await p.phone.say('hello shop');
  await p.phone.waitFor((m) => m.body.includes('Shop answer.'), 'the answer');

  await p.phone.say('/projects');
  const list = await p.phone.waitFor((m) => m.body.startsWith('Projects'), '/projects');
  assert.match(list.body, /▶ shop — .* idle/);
  assert.match(list.body, /• api — no session/);

  await p.phone.say('/status');
  const status = await p.phone.waitFor((m) => m.body.includes('shop — ') && m.body.includes('mode'), '/status');
  assert.match(status.body, /Signal connected/);
  assert.match(status.body, /idle, default mode/);

  await p.phone.say('/cost');
  await p.phone.waitFor((m) => /^Cost — \$|^Cost — </.test(m.body) && m.body.includes('shop'), '/cost');

  await p.phone.say('/history');
  const history = await p.phone.waitFor((m) => m.body.includes('last 2'), '/history');
  assert.match(history.body, /hello shop/);
  assert.match(history.body, /Shop answer\./);

  const before = p.daemon.services.supervisor.existingSessionFor(p.daemon.services.projects.find('shop')!.id)!.id;
  p.claude.enqueue(reply([text('Fresh start.')]));
  await p.phone.say('/new');
  await p.phone.waitFor((m) => m.body.includes('New session for shop'), '/new');
  await p.phone.say('who am I?');
  await p.phone.waitFor((m) => m.body.includes('Fresh start.'), 'the answer in the new session');
  const after = p.daemon.services.supervisor.existingSessionFor(p.daemon.services.projects.find('shop')!.id)!.id;
  assert.notEqual(after, before);
  assert.equal(p.claude.messageRequests.at(-1)!.body.messages.length, 1, 'the new session starts without the old conversation');
});

test('/mode acceptEdits lets Claude edit without asking; /mode alone explains the modes', async (t) => {
  const p = await startProduct(t);
  const shop = await addProject(p, 'shop');
  writeFileSync(join(shop, 'a.txt'), 'old\n');
  await p.phone.say('/mode');
  await p.phone.waitFor((m) => m.body.includes('runs in default mode') && m.body.includes('acceptEdits'), 'the modes');
  await p.phone.say('/mode acceptEdits');
  await p.phone.waitFor((m) => m.body.includes('now runs in acceptEdits mode'), 'mode set');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: join(shop, 'a.txt') }), toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'old', new_string: 'new' })]),
    reply([text('Edited without asking.')]),
  );
  await p.phone.say('edit a.txt');
  await p.phone.waitFor((m) => m.body.includes('Edited without asking.'), 'the answer');
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'new\n');
  assert.equal(p.phone.shown.filter((m) => /reply yes/.test(m.body)).length, 0, 'no approval was asked');
});

test('/diff: a short diff inline in monospace, a long one as a .patch file that git apply accepts', async (t) => {
  const p = await startProduct(t);
  const shop = await addProject(p, 'shop');
  git(shop, 'init', '-q');
  writeFileSync(join(shop, 'small.txt'), 'a\nb\nc\n');
  writeFileSync(join(shop, 'big.txt'), Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n') + '\n');
  git(shop, 'add', '.');
  git(shop, 'commit', '-qm', 'start');

  writeFileSync(join(shop, 'small.txt'), 'a\nB\nc\n');
  await p.phone.say('/diff small.txt');
  const small = await p.phone.waitFor((m) => m.body.includes('small.txt') && m.body.includes('+ B'), 'the short diff');
  assert.equal(small.attachments.length, 0, 'short: inline');
  assert.ok(small.ranges.some((r) => r.style === 5 && small.body.slice(r.start, r.start + r.length).includes('+ B')), 'the diff lines are monospace');

  writeFileSync(join(shop, 'big.txt'), Array.from({ length: 400 }, (_, i) => `LINE ${i} changed`).join('\n') + '\n');
  await p.phone.say('/diff');
  const long = await p.phone.waitFor((m) => m.attachments.some((a) => a.fileName?.endsWith('.patch')), 'the long diff as a patch file');
  const patch = await long.attachments.find((a) => a.fileName?.endsWith('.patch'))!.download();
  git(shop, 'stash', '-q');
  writeFileSync(join(shop, 'incoming.patch'), patch);
  git(shop, 'apply', '--check', 'incoming.patch');
  git(shop, 'apply', 'incoming.patch');
  assert.match(readFileSync(join(shop, 'big.txt'), 'utf8'), /LINE 399 changed/);
});

test("/undo puts back the files Claude's last turn changed", async (t) => {
  const p = await startProduct(t);
  const shop = await addProject(p, 'shop');
  writeFileSync(join(shop, 'keep.txt'), 'original\n');
  await p.phone.say('/mode acceptEdits');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: join(shop, 'keep.txt') }), toolUse('Write', { file_path: join(shop, 'keep.txt'), content: 'overwritten\n' }), toolUse('Write', { file_path: join(shop, 'new.txt'), content: 'new file\n' })]),
    reply([text('Changed two files.')]),
  );
  await p.phone.say('change things');
  await p.phone.waitFor((m) => m.body.includes('Changed two files.'), 'the answer');
  assert.equal(readFileSync(join(shop, 'keep.txt'), 'utf8'), 'overwritten\n');
  await p.phone.say('/undo');
  const undone = await p.phone.waitFor((m) => m.body.includes('Restored 2 files'), 'the undo confirmation');
  assert.match(undone.body, /keep\.txt/);
  assert.equal(readFileSync(join(shop, 'keep.txt'), 'utf8'), 'original\n');
  assert.equal(existsSync(join(shop, 'new.txt')), false, 'a file Claude created is removed');
  await p.phone.say('/undo');
  await p.phone.waitFor((m) => m.body.includes('No file changes by Claude left to undo'), 'nothing more to undo');
});

test('/stop from the phone ends a running turn; /restart on a healthy session says so', async (t) => {
  const p = await startProduct(t);
  await addProject(p, 'shop');
  await p.phone.say('/mode bypassPermissions');
  p.claude.enqueue(reply([toolUse('Bash', { command: 'sleep 30' })]), reply([text('should not get here')]));
  await p.phone.say('wait for a long time');
  await p.phone.waitFor((m) => m.kind === 'silent' && m.body.includes('Working'), 'progress');
  await p.phone.say('/stop');
  const stopped = await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Stopped'), 'the stopped answer');
  assert.match(stopped.body, /shop · /);
  await p.phone.say('/restart');
  await p.phone.waitFor((m) => m.body.includes('has not crashed'), '/restart on a healthy session');
  await p.phone.say('/stop');
  await p.phone.waitFor((m) => m.body.includes('Nothing is running in shop'), '/stop when idle');
});

test('files from the phone: an image goes to Claude; other files wait for "save ID" and then Claude is told', async (t) => {
  const p = await startProduct(t);
  const shop = await addProject(p, 'shop');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const pngFull = Buffer.concat([png, Buffer.alloc(40)]) as Buffer<ArrayBuffer>;
  p.claude.enqueue(reply([text('Nice picture.')]));
  await p.phone.sendFile(pngFull, 'image/png', 'screen.png', 'what is on this screenshot?');
  await p.phone.waitFor((m) => m.body.includes('Nice picture.'), 'the answer about the image');
  const blocks = p.claude.messageRequests[0]!.body.messages[0]!.content as Array<{ type: string }>;
  assert.deepEqual(blocks.map((b) => b.type), ['text', 'image']);

  const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]) as Buffer<ArrayBuffer>;
  await p.phone.sendFile(zip, 'application/zip', 'assets.zip');
  const proposal = await p.phone.waitFor((m) => /reply save ([0-9a-f]{4,8})/.test(m.body), 'the save proposal');
  const id = /reply save ([0-9a-f]{4,8})/.exec(proposal.body)![1];
  p.claude.enqueue(reply([text('I see the saved zip.')]));
  await p.phone.say(`save ${id}`);
  await p.phone.waitFor((m) => m.body.includes('Saved as'), 'the save confirmation');
  await p.phone.waitFor((m) => m.body.includes('I see the saved zip.'), "Claude's answer after being told");
  const told = JSON.stringify(p.claude.messageRequests.at(-1)!.body.messages.at(-1));
  assert.match(told, /saved in the project at .*assets\.zip/);
  const saved = /saved in the project at ([^ ]+assets\.zip)/.exec(told)![1]!;
  assert.ok(existsSync(join(shop, saved)), `${saved} exists in the project`);
});
