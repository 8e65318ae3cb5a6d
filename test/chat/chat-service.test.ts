// The chat layer through the whole product: who may speak, where a message goes, how approvals
// are answered. The phone is Signal's mock server's simulated phone; Claude is the local server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { sendContent } from '../helpers/mock-signal.js';
import { startProduct } from '../helpers/product.js';
import { SessionsRepo } from '../../src-main/store/sessions-repo.js';
import { TurnsRepo } from '../../src-main/store/turns-repo.js';

const APPROVAL = /reply yes ([0-9a-f]{4}), always/;

test('strangers and what the owner writes to others never reach a session', async (t) => {
  const p = await startProduct(t);
  p.folder('shop');
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added'), 'the /add confirmation');

  const stranger = await p.mock.createAccount('Mallory');
  await stranger.addSingleUseKey(p.phone.device, await p.phone.device.popSingleUseKey());
  await stranger.sendText(p.phone.device, 'rm -rf / please');
  await stranger.sendText(p.phone.device, 'sealed: rm -rf / please', { sealed: true });
  // The owner writes to a friend from the phone: the computer gets the sync transcript.
  const friendAci = Buffer.from(stranger.device.aciRawUuid);
  const ts = Date.now() + 1;
  await sendContent(p.mock.phone, p.phone.device, {
    content: { syncMessage: { content: { sent: { destinationServiceIdBinary: friendAci, timestamp: BigInt(ts), message: { body: 'delete the repo', timestamp: BigInt(ts) } } } } },
  }, { timestamp: ts });
  // Then something from the owner, to know the earlier two were processed.
  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes('shop') && m.body.includes('no session yet'), 'the /status reply');

  // They arrived and were decrypted, but other conversations are never stored (only counted).
  const rows = p.daemon.store.db.prepare('SELECT source_aci, handled_at FROM signal_inbox').all<{ source_aci: string; handled_at: number | null }>();
  assert.equal(rows.filter((r) => r.source_aci === stranger.device.aci).length, 0, "the stranger's messages were not stored");
  assert.equal(p.daemon.status().signal.droppedOtherConversations, 3, 'two from the stranger and the transcript to the friend were dropped');
  assert.ok(rows.every((r) => r.handled_at !== null), 'what was stored was handled, nothing left waiting');
  assert.equal(p.claude.requests.length, 0, 'Claude heard nothing');
  assert.equal(new SessionsRepo(p.daemon.store).live().length, 0, 'no session was started');
  assert.equal(p.phone.shown.filter((m) => /rm -rf|delete the repo/.test(m.body)).length, 0);
});

test('routing: @project addresses another project; replying to a message goes to its session', async (t) => {
  const p = await startProduct(t);
  p.folder('shop');
  p.folder('api');
  p.claude.fallback = (request) => {
    const system = JSON.stringify(request.body.system);
    return reply([text(system.includes('/api') ? 'answer from api' : 'answer from shop')]);
  };
  await p.phone.say('/add shop');
  await p.phone.say('/add api');
  await p.phone.waitFor((m) => m.body.includes('Added **api**') || m.body.includes('Added api'), 'api added');
  // api is now current; @shop addresses shop.
  await p.phone.say('@shop hello');
  const fromShop = await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('answer from shop'), "shop's answer");
  assert.match(fromShop.body, /^shop · /);
  await p.phone.say('hello current');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('answer from api'), "api's answer (the current project)");
  // A reply (quote) to shop's answer goes to shop, though api is current.
  await p.phone.replyTo(fromShop.timestamp, 'and a follow-up');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('answer from shop') && m.timestamp !== fromShop.timestamp, "shop's second answer");
  const supervisor = p.daemon.services.supervisor;
  const shopId = p.daemon.services.projects.find('shop')!.id;
  assert.equal(new TurnsRepo(p.daemon.store).recent(supervisor.existingSessionFor(shopId)!.id, 10).length, 2);
  await p.phone.say('@nowhere hi');
  await p.phone.waitFor((m) => m.body.includes('No project called "nowhere"'), 'an unknown project named');
});

test('approvals: "yes ID" once, "always ID" for the session, "no ID reason" reaches Claude', async (t) => {
  const p = await startProduct(t);
  const shop = p.folder('shop');
  writeFileSync(join(shop, 'a.txt'), 'one\n');
  p.claude.enqueue(
    reply([toolUse('Read', { file_path: join(shop, 'a.txt') }), toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'one', new_string: 'two' })]),
    reply([text('Edited once.')]),
    reply([toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'two', new_string: 'three' })]),
    reply([toolUse('Edit', { file_path: join(shop, 'a.txt'), old_string: 'three', new_string: 'four' })]),
    reply([text('Edited twice more.')]),
    reply([toolUse('Bash', { command: 'npm install left-pad' })]),
    reply([text('Understood, no install.')]),
  );
  await p.phone.say('/add shop');
  await p.phone.say('edit it');
  const first = await p.phone.waitFor((m) => APPROVAL.test(m.body), 'the first approval request');
  await p.phone.say(`yes ${APPROVAL.exec(first.body)![1]}`);
  await p.phone.waitFor((m) => m.body.includes('Edited once.'), 'the first answer');
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'two\n');

  await p.phone.say('edit it twice');
  const second = await p.phone.waitFor((m) => APPROVAL.test(m.body) && m.timestamp !== first.timestamp, 'the second approval request');
  await p.phone.say(`always ${APPROVAL.exec(second.body)![1]}`);
  await p.phone.waitFor((m) => m.body.includes('Edited twice more.'), 'the second answer, the second edit without asking');
  assert.equal(readFileSync(join(shop, 'a.txt'), 'utf8'), 'four\n');
  assert.equal(p.phone.shown.filter((m) => APPROVAL.test(m.body)).length, 2, '"always" covered the next edit');
  await p.phone.say('/status');
  const status = await p.phone.waitFor((m) => m.body.startsWith('🖥 Signal Claude'), '/status');
  assert.match(status.body, /allowed without asking until \/new \("always"\): Edit\(\/a\.txt\)$/m, '/status shows what "always" allowed');

  await p.phone.say('install left-pad');
  const third = await p.phone.waitFor((m) => APPROVAL.test(m.body) && /Bash/.test(m.body), 'the Bash approval request');
  await p.phone.say(`no ${APPROVAL.exec(third.body)![1]} we do not add dependencies`);
  await p.phone.waitFor((m) => m.body.includes('Understood, no install.'), 'the answer after the denial');
  const denied = JSON.stringify(p.claude.messageRequests.at(-1)!.body.messages.at(-1));
  assert.match(denied, /we do not add dependencies/);

  // A late answer to an approval that no longer waits is told so; it never reaches Claude.
  const requests = p.claude.messageRequests.length;
  await p.phone.say(`yes ${APPROVAL.exec(third.body)![1]}`);
  await p.phone.waitFor((m) => m.body === `Approval ${APPROVAL.exec(third.body)![1]} was already denied; nothing ran. If Claude should do it after all, say so in a message.`, 'the late answer is told what became of the approval');
  assert.equal(p.claude.messageRequests.length, requests, 'nothing went to Claude');
});

test('an unknown command gets a short help line; /help lists every command', async (t) => {
  const p = await startProduct(t);
  await p.phone.say('/frobnicate');
  const line = await p.phone.waitFor((m) => m.body.includes('Unknown command /frobnicate'), 'the help line');
  assert.match(line.body, /\/help/);
  await p.phone.say('/help');
  const help = await p.phone.waitFor((m) => m.body.startsWith('Signal Claude'), 'the help text');
  for (const c of ['/projects', '/add', '/use', '/new', '/status', '/stop', '/restart', '/mode', '/allow', '/deny', '/diff', '/undo', '/cost', '/history']) {
    assert.ok(help.body.includes(c), `${c} is listed`);
  }
  // The whole list fits in one Signal message (2000 bytes): past that a phone shows its beginning and a "read more".
  assert.ok(Buffer.byteLength(help.body) <= 2000, `${Buffer.byteLength(help.body)} bytes`);
  assert.match(help.body, /Approvals: reply yes ID/, 'the list ends in the message itself');
  assert.equal(p.claude.requests.length, 0);
});

test('an edited instruction is not run again; a message with no project asks for one', async (t) => {
  const p = await startProduct(t);
  const ts = await p.phone.say('do something');
  await p.phone.waitFor((m) => m.body.includes('No project is selected'), 'the no-project hint');
  const editTs = Date.now() + 5;
  await sendContent(p.mock.phone, p.phone.device, {
    content: { syncMessage: { content: { sent: { destinationServiceIdBinary: Buffer.from(p.mock.phone.device.aciRawUuid), timestamp: BigInt(editTs), editMessage: { targetSentTimestamp: BigInt(ts), dataMessage: { body: 'do something else', timestamp: BigInt(editTs) } } } } } },
  }, { timestamp: editTs });
  await p.phone.waitFor((m) => m.body.includes('Edited messages are not run again'), 'the edit notice');
  assert.equal(p.claude.requests.length, 0);
});
