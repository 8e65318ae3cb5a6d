// Approvals when several computers share one Signal account (issue 16): each computer's approval
// ids start with its own digit (its device id), so two computers waiting at the same time never
// show the same id, and "yes ID" / "no ID" reach exactly the computer that asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { chatTiming, exchange, knowEachOther, onlyFrom, startComputers, type Computer } from '../helpers/computers.js';

const APPROVAL = /reply yes ([0-9a-f]{4}), always/;

test('two computers waiting for approval at once: different ids, and each answer reaches only the computer that asked', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop'], { chatTiming });
  const [laptop, desktop] = c.computers as [Computer, Computer];
  const shop = laptop.project('shop');
  const api = desktop.project('api');
  await knowEachOther(c, {});

  c.claude.enqueue(reply([toolUse('Write', { file_path: join(shop, 'notes.txt'), content: 'shop\n' })]));
  const asked1 = await exchange(c, () => c.phone.say('@laptop/shop write the notes'), (m) => APPROVAL.test(m.body), "the laptop's approval request");
  onlyFrom(asked1, 'laptop', 'the shop approval');
  c.claude.enqueue(reply([toolUse('Write', { file_path: join(api, 'notes.txt'), content: 'api\n' })]));
  const asked2 = await exchange(c, () => c.phone.say('@desktop/api write the notes'), (m) => APPROVAL.test(m.body), "the desktop's approval request");
  onlyFrom(asked2, 'desktop', 'the api approval');
  const laptopId = APPROVAL.exec(asked1.find((m) => APPROVAL.test(m.body))!.body)![1]!;
  const desktopId = APPROVAL.exec(asked2.find((m) => APPROVAL.test(m.body))!.body)![1]!;
  assert.equal(laptopId[0], laptop.device.deviceId.toString(16), "the laptop's ids start with its digit");
  assert.equal(desktopId[0], desktop.device.deviceId.toString(16), "the desktop's ids start with its digit");
  assert.notEqual(laptopId, desktopId);

  c.claude.enqueue(reply([text('Desktop wrote it.')]));
  const yes = await exchange(c, () => c.phone.say(`yes ${desktopId}`), (m) => m.body.includes('Desktop wrote it.'), "the desktop's answer");
  onlyFrom(yes, 'desktop', `yes ${desktopId}`);
  assert.equal(readFileSync(join(api, 'notes.txt'), 'utf8'), 'api\n');
  assert.equal(existsSync(join(shop, 'notes.txt')), false, 'the laptop still waits: the answer was not for it');

  c.claude.enqueue(reply([text('Laptop left it.')]));
  const no = await exchange(c, () => c.phone.say(`no ${laptopId}`), (m) => m.body.includes('Laptop left it.'), "the laptop's answer");
  onlyFrom(no, 'laptop', `no ${laptopId}`);
  assert.equal(existsSync(join(shop, 'notes.txt')), false, 'denied: nothing written');
  assert.equal(c.claude.messageRequests.length, 4);
});
