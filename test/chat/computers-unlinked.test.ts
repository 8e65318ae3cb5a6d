// A computer unlinked from the account (issue 16): the phone removes it from Linked devices, the
// server drops the device. The next time the remaining computer writes to the account, the server
// says the device is gone (409); from then on nothing is routed there, /computers says it is gone,
// and nothing loops even though the unlinked computer's program is still running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchange, laptopAndDesktop, settled, quiet, waitUntil } from '../helpers/computers.js';

test('an unlinked computer: the other stops routing to it, /computers says it is gone, and nothing loops', async (t) => {
  const { c, laptop, desktop } = await laptopAndDesktop(t);
  const owner = c.mock.phone.device;
  // What the phone's "Unlink" does on the server; the phone also stops writing to that device.
  await c.mock.server.removeDeviceByServiceId(owner.aci, desktop.device.deviceId);
  await c.mock.phone.unlink(desktop.device);
  c.phone.devices.splice(c.phone.devices.indexOf(desktop.device), 1);

  // The laptop's next message to the account meets the server's new device list.
  const help = await exchange(c, () => c.phone.say('/help'), (m) => m.body.includes('/computers'), '/help');
  assert.equal(help.length, 1, '/help: one answer');
  await waitUntil(() => !laptop.daemon.services.computers.several(), 'the laptop knows the desktop is gone');

  const list = await exchange(c, () => c.phone.say('/computers'), (m) => m.body.includes('Computers on this account'), '/computers');
  assert.equal(list.length, 1);
  assert.match(list[0]!.body, /🚫 desktop — unlinked from this account/);
  assert.match(list[0]!.body, /💻 laptop — this one · shop/);
  assert.equal(laptop.daemon.computers.list().find((v) => v.name === 'desktop')?.state, 'unlinked', 'the app shows it unlinked');

  // The desktop's project is not routed there any more: the laptop answers at once.
  const api = await exchange(c, () => c.phone.say('@api add a health route'), (m) => m.body.includes('api'), 'the answer about api');
  assert.equal(api.length, 1, '@api: one answer');
  assert.match(api[0]!.body, /No project called|no project/i);
  assert.doesNotMatch(api[0]!.body, /^💻 /, 'one computer left: replies are not tagged');
  assert.equal(c.claude.messageRequests.length, 0, 'nothing ran');

  const count = c.phone.shown.length;
  await quiet(4000);
  assert.equal(c.phone.shown.length, count, 'no growth after a quiet period');
  console.log(`[loop-count] unlinked computer: the phone holds ${count} messages (edits included), unchanged after 4 s`);
  assert.deepEqual(await settled(c, count), []);
});
