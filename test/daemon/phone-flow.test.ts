// The product end to end, as the owner lives it: the daemon linked to the phone on Signal's
// mock server, Claude played by the local Anthropic-compatible server, real agent workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('/add + instruction → approval asked → 👍 → file written → the answer on the phone', async (t) => {
  const p = await startProduct(t);
  const shop = p.folder('shop');
  p.claude.enqueue(
    reply([text('I will create the file.'), toolUse('Write', { file_path: join(shop, 'hello.txt'), content: 'hi\n' })]),
    reply([text('Created **hello.txt** with a greeting.')]),
  );

  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => /Added \*?shop/.test(m.body) || m.body.includes('Added shop'), 'the /add confirmation');
  await p.phone.say('create hello.txt saying hi');

  const ask = await p.phone.waitFor((m) => m.kind === 'notify' && /reply yes [0-9a-f]{4}, always [0-9a-f]{4} or no [0-9a-f]{4}/.test(m.body), 'an approval request');
  assert.match(ask.body, /shop wants to use Write:\n💬 I will create the file\.\n🆕 hello\.txt \(new file, 1 line, 3 B\)\nhi\nreply yes/, 'the request shows the new file');
  assert.equal(existsSync(join(shop, 'hello.txt')), false, 'nothing is written before the owner says yes');
  await p.phone.react(ask.timestamp, '👍');

  const final = await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Created hello.txt with a greeting.'), 'the final answer');
  assert.match(final.body, /\n\n📝 1 file: hello\.txt \+1 −0 · \/diff shows the changes$/, 'the answer ends with what the turn changed');
  assert.equal(readFileSync(join(shop, 'hello.txt'), 'utf8'), 'hi\n');
  const bold = final.ranges.find((r) => r.style === 1 && final.body.slice(r.start, r.start + r.length) === 'hello.txt');
  assert.ok(bold, 'Markdown bold arrives as a bold range');
  assert.equal(p.phone.shown.filter((m) => m.kind === 'notify' && m.body.includes('Created hello.txt')).length, 1, 'the final answer arrives exactly once');

  const progress = p.phone.shown.find((m) => m.kind === 'silent' && m.body.includes('Working'));
  assert.ok(progress, 'a silent progress message was shown');
  const latest = p.phone.current(progress.timestamp);
  assert.match(latest?.body ?? '', /Write/);
  // Its last edit says the turn is done (it may come a moment after the answer), and no second
  // progress message shows up below the answer.
  await p.phone.waitFor((m) => m.kind === 'edit' && m.editOf === progress.timestamp && m.body.includes('✅ Done'), 'the progress message finished');
  assert.deepEqual(p.phone.shown.filter((m) => m.kind === 'silent' && m.timestamp > final.timestamp).map((m) => m.body), [], 'nothing new after the answer');

  if (process.env.SHOW_PHONE) console.log(p.phone.shown.map((m) => `[${m.kind}${m.editOf ? ' of ' + m.editOf : ''}] ${m.timestamp} ${m.body}`).join('\n---\n'));
  // The request Claude got carried the tool result first in the next user message.
  const second = p.claude.messageRequests[1]?.body;
  const last = second?.messages.at(-1);
  assert.equal(last?.role, 'user');
  assert.equal(Array.isArray(last?.content) && last.content[0]?.type, 'tool_result');
});

test('asking for a pairing code while linked keeps the link (nothing is unlinked)', async (t) => {
  const p = await startProduct(t);
  const pairing = await p.daemon.pairing.start();
  assert.equal(pairing.url, null, 'no new QR code for a linked computer');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(p.daemon.services.signal.status().state, 'connected');
  p.folder('shop');
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'the /add confirmation');
});

test('Bash from the phone runs in the command host; with the host gone it runs where the session works, and health names the stopped host', async (t) => {
  // $PPID inside the sandbox belongs to its own PID namespace; this test is about which process forks.
  const p = await startProduct(t, { settings: { sandboxEnabled: false, sandboxAskWhenUnsandboxed: false } });
  const commands = p.daemon.services.commands;
  await commands.whenStarted();
  const shop = p.folder('shop');
  p.claude.enqueue(
    reply([toolUse('Bash', { command: 'echo "parent $PPID" > who.txt' })]),
    reply([text('Noted who ran it.')]),
    reply([toolUse('Bash', { command: 'echo "parent $PPID" > who-now.txt' })]),
    reply([text('Noted again.')]),
  );
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('shop'), 'the /add confirmation');
  await p.phone.say('/mode bypassPermissions');
  await p.phone.waitFor((m) => m.body.includes('bypassPermissions'), 'the mode change');

  await p.phone.say('who runs commands?');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Noted who ran it.'), 'the first answer');
  assert.equal(readFileSync(join(shop, 'who.txt'), 'utf8').trim(), `parent ${commands.pid}`, 'forked by the command host');
  assert.notEqual(commands.pid, process.pid);

  await commands.stop();
  assert.deepEqual(p.daemon.health().problems.map((x) => x.code), ['command-host-down'], 'health names the stopped command host, nothing else');
  await p.phone.say('and now?');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Noted again.'), 'the second answer');
  // The session's worker lives in the session host, a child process of the app: that process starts it now.
  const sessionHost = p.daemon.services.sessionHost?.pid;
  assert.ok(sessionHost !== undefined && sessionHost !== commands.pid && sessionHost !== process.pid, 'the session host runs the worker');
  assert.equal(readFileSync(join(shop, 'who-now.txt'), 'utf8').trim(), `parent ${sessionHost}`, 'started by the session host itself');
});
