// /computers (issue 16): the computers on one Signal account that run Signal Claude, answered
// once for the account, with each computer's projects and when the others were last seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addOn, chatTiming, exchange, knowEachOther, startComputers, type Computer } from '../helpers/computers.js';

test('/computers: one answer listing every computer with its projects', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop'], { chatTiming });
  const [laptop, desktop] = c.computers as [Computer, Computer];
  await knowEachOther(c, {});
  await addOn(c, laptop, 'shop');
  await addOn(c, desktop, 'api', chatTiming.addGraceMs + 2000);
  await knowEachOther(c, { laptop: ['shop'], desktop: ['api'] });
  const list = await exchange(c, () => c.phone.say('/computers'), (m) => m.body.includes('Computers on this account'), 'the list of computers');
  assert.equal(list.length, 1, '/computers: one answer for the account');
  assert.match(list[0]!.body, /💻 laptop — this one · shop/);
  assert.match(list[0]!.body, /💻 desktop — last seen just now · api/);
});
