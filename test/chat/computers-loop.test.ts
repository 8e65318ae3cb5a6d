// Several computers linked to one Signal account never answer each other (issue 16): each one's
// replies reach the others as the owner's own Note-to-Self transcripts, and without the instance
// mark two daemons answered each other thousands of times within seconds. Here two and three real
// daemons are linked to one mock-server phone; after each message from the phone and a quiet
// period, the messages the phone received are counted: one answer per computer that should
// answer, and no growth afterwards.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { by, exchange, quiet, startComputers, waitUntil, type Computers } from '../helpers/computers.js';

const APPROVAL = /reply yes ([0-9a-f]{4}), always/;

async function noGrowth(t: TestContext, c: Computers, label: string): Promise<void> {
  const count = c.phone.shown.length;
  await quiet(4000);
  assert.equal(c.phone.shown.length, count, `${label}: no growth after a quiet period`);
  const line = `${label}: the phone holds ${count} messages (edits included), unchanged after 4 s`;
  t.diagnostic(line);
  // For the closing note: the counts, easy to find in the run's output.
  console.log(`[loop-count] ${line}`);
}

test('two computers: commands, instructions, approvals and reactions get one answer from the computer concerned, and no loop', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop']);
  const [laptop, desktop] = c.computers as [Computers['computers'][0], Computers['computers'][0]];
  const shop = laptop.project('shop');
  desktop.project('api');
  writeFileSync(join(shop, 'a.txt'), 'one\n');
  // Each computer announced itself when it connected; wait until both know the other.
  await waitUntil(() => laptop.daemon.services.computers.several() && desktop.daemon.services.computers.several(), 'the computers know each other');

  const help = await exchange(c, () => c.phone.say('/help'), (m) => m.body.includes('Signal Claude'), 'a /help answer');
  assert.equal(help.length, 1, '/help: one answer for the account');
  const status = await exchange(c, () => c.phone.say('/status'), (m) => m.body.includes('no project') || m.body.includes('No project'), 'a /status answer');
  assert.equal(status.filter(by('laptop')).length, 1, '/status: the laptop answers for itself');
  assert.equal(status.filter(by('desktop')).length, 1, '/status: the desktop answers for itself');
  assert.equal(status.length, 2);

  c.claude.enqueue(
    // Claude reads before it edits (an existing file must be read first), in the same message.
    reply([toolUse('Read', { file_path: join(shop, 'a.txt') }, 'r1'), toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'one', new_string: 'two' }, 'e1')]),
    reply([text('Edited once.')]),
    reply([toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'two', new_string: 'three' })]),
    reply([text('Edited twice.')]),
  );
  const asked = await exchange(c, () => c.phone.say('@shop edit it'), (m) => APPROVAL.test(m.body), 'the approval request');
  const request = asked.find((m) => APPROVAL.test(m.body))!;
  assert.ok(by('laptop')(request), 'the laptop, which has shop, asks');
  assert.equal(asked.filter(by('desktop')).length, 0, 'the desktop says nothing about shop');
  const answered = await exchange(c, () => c.phone.say(`yes ${APPROVAL.exec(request.body)![1]}`), (m) => m.body.includes('Edited once.'), 'the answer after yes');
  assert.equal(answered.filter(by('desktop')).length, 0, 'the desktop does not take "yes ID" for an instruction');
  assert.equal(answered.filter((m) => m.kind === 'notify' && m.body.includes('Edited once.')).length, 1);
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'two\n');

  const second = await exchange(c, () => c.phone.say('@shop once more'), (m) => APPROVAL.test(m.body) && m.timestamp !== request.timestamp, 'the second approval request');
  const request2 = second.find((m) => APPROVAL.test(m.body))!;
  const reacted = await exchange(c, () => c.phone.react(request2.timestamp, '👍'), (m) => m.body.includes('Edited twice.'), 'the answer after 👍');
  assert.equal(reacted.filter(by('desktop')).length, 0, 'the reaction reaches only the laptop');
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'three\n');
  assert.equal(c.claude.messageRequests.length, 4, 'Claude was asked exactly what the two instructions needed');
  await noGrowth(t, c, 'two computers');
});

test('three computers: /help once, /status once per computer, and no loop', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop', 'server']);
  await waitUntil(() => c.computers.every((x) => x.daemon.services.computers.peers().length === 2), 'every computer knows the other two');
  const help = await exchange(c, () => c.phone.say('/help'), (m) => m.body.includes('Signal Claude'), 'a /help answer');
  assert.equal(help.length, 1, '/help: one answer for the account');
  const status = await exchange(c, () => c.phone.say('/status'), (m) => m.body.includes('No project'), 'a /status answer');
  for (const name of ['laptop', 'desktop', 'server']) assert.equal(status.filter(by(name)).length, 1, `/status: ${name} answers for itself`);
  assert.equal(status.length, 3);
  await noGrowth(t, c, 'three computers');
});
