// Hooks as the owner meets them on the phone, through the whole product (real worker, command
// host, mock Signal server, local Anthropic server): a hook from the project's settings asks to
// be confirmed with the usual "reply yes ID", and a hook that then fails shows one 🪝 line in
// the progress message while Claude carries on.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

const APPROVAL = /reply yes ([0-9a-f]{4}), always/;

test('a project hook asks to be confirmed on the phone; when it fails, the progress message says so and the turn goes on', async (t) => {
  const p = await startProduct(t);
  const web = p.folder('web');
  writeFileSync(join(web, 'notes.txt'), 'hello\n');
  mkdirSync(join(web, '.claude'));
  const hooks = { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: 'echo "lint config missing" >&2; exit 1' }] }] };
  writeFileSync(join(web, '.claude/settings.json'), JSON.stringify({ hooks }));
  p.claude.enqueue(reply([toolUse('Read', { file_path: join(web, 'notes.txt') })]), reply([text('The notes say hello.')]));
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');
  await p.phone.say('what do the notes say?');
  const ask = await p.phone.waitFor((m) => APPROVAL.test(m.body), 'the hook confirmation');
  assert.match(ask.body, /web wants to use a PreToolUse hook:/);
  assert.match(ask.body, /from \.claude\/settings\.json/);
  assert.match(ask.body, /lint config missing/, 'the command is shown');
  await p.phone.say(`yes ${APPROVAL.exec(ask.body)![1]}`);
  await p.phone.waitFor((m) => m.body.includes('The notes say hello.'), 'the answer');
  const line = await p.phone.waitFor((m) => m.body.includes('🪝'), 'the hook line in the progress message');
  assert.match(line.body, /🪝 PreToolUse hook `echo "lint config missing" >&2; exit 1` failed \(exit 1: lint config missing\); carried on without it/);
});
