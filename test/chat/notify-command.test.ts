// /notify from the phone, through the whole product (Signal's mock server, the local Anthropic
// server, a real worker): per project, "needs-me" sends no progress messages and lets only the
// approval ring while the answer still arrives (silently); "all" brings both back; the level
// survives a restart and /status shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import type { ShownMessage } from '../helpers/phone.js';

const isProgress = (m: ShownMessage): boolean => m.body.includes('⏳');

test('/notify needs-me: no progress, the approval rings, the answer arrives silently; /notify all brings them back', async (t) => {
  const p = await startProduct(t);
  writeFileSync(join(p.folder('web'), 'a.txt'), 'hello\n');
  p.folder('other');
  await p.phone.say('/add other');
  await p.phone.waitFor((m) => m.body.includes('Added other'), 'added other');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added web');

  await p.phone.say('/notify');
  const list = await p.phone.waitFor((m) => m.body.includes('Notifications for web'), '/notify');
  assert.match(list.body, /Notifications for web: all\./);
  assert.match(list.body, /▶ all — progress while Claude works/);

  await p.phone.say('/notify loud');
  const usage = await p.phone.waitFor((m) => m.body.includes('/notify all|done|needs-me|off'), 'the usage line');
  assert.doesNotMatch(usage.body, /Notifications for/, 'an unknown level changes nothing');

  await p.phone.say('/notify needs me');
  const changed = await p.phone.waitFor((m) => m.body.includes('Notifications for web: needs me'), 'the change');
  assert.match(changed.body, /only approvals ring; the answer arrives silently/);

  p.claude.enqueue(
    reply([toolUse('Read', { file_path: 'a.txt' })]),
    reply([text('Now a command.'), toolUse('Bash', { command: 'cat a.txt' })]),
    reply([text('QUIET ANSWER: the file says hello.')]),
  );
  const before = p.phone.shown.length;
  await p.phone.say('read a.txt');
  const approval = await p.phone.waitFor((m) => m.kind === 'notify' && /reply yes [0-9a-f]{4}/.test(m.body), 'the approval request, ringing');
  const id = /reply yes ([0-9a-f]{4})/.exec(approval.body)![1]!;
  await p.phone.say(`yes ${id}`);
  await p.phone.waitFor((m) => m.body.includes('QUIET ANSWER'), 'the answer');
  await p.phone.say('/status'); // after its reply, everything the turn sent has arrived
  await p.phone.waitFor((m) => m.body.includes('Notifications: needs me'), '/status');
  const answers = p.phone.shown.filter((m) => m.body.includes('QUIET ANSWER'));
  assert.deepEqual(answers.map((m) => m.kind), ['silent'], 'the answer arrives once, without ringing');
  assert.deepEqual(p.phone.shown.slice(before).filter(isProgress), [], 'no progress message');

  const status = await p.phone.waitFor((m) => m.body.includes('Notifications: needs me'), '/status');
  assert.match(status.body, /🔔 Notifications: needs me \(`?\/notify`? to change\)/);

  // Another project keeps the default.
  await p.phone.say('@other /notify');
  await p.phone.waitFor((m) => m.body.includes('Notifications for other: all'), "the other project's level");

  // The level is stored: it holds after a restart of the app.
  await p.restart();
  await p.phone.say('/notify');
  await p.phone.waitFor((m) => m.body.includes('Notifications for web: needs me.'), 'the level after a restart');

  await p.phone.say('/notify all');
  await p.phone.waitFor((m) => m.body.includes('Notifications for web: all —'), 'back to all');
  p.claude.enqueue(reply([toolUse('Read', { file_path: 'a.txt' })]), reply([text('LOUD ANSWER: hello again.')]));
  const mark = p.phone.shown.length;
  await p.phone.say('read it again');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('LOUD ANSWER'), 'the second answer, ringing');
  assert.ok(p.phone.shown.slice(mark).some(isProgress), 'at "all" the progress message is back');
});
