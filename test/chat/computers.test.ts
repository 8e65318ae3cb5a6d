// What this computer knows of the other computers on the same Signal account, which decides who
// answers what: a computer is remembered from its messages, a relinked or renamed one is not
// counted twice, the one with the lowest device id speaks for all, and a quote of another
// computer's message is recognised as not for this one. (The several-computers loop itself runs
// end to end in computers-loop.test.ts.)
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { addressable, Computers, type Sighting, type ThisComputer } from '../../src-main/chat/computers.js';
import { AppStateRepo } from '../../src-main/store/app-state-repo.js';
import { openTestStore } from '../helpers/store.js';

function setup(t: TestContext, self: ThisComputer = { name: 'Laptop', device: 2 }) {
  const state = new AppStateRepo(openTestStore(t));
  let me = self;
  const computers = new Computers(state, () => me);
  return { state, computers, become: (next: ThisComputer) => (me = next) };
}

const sighting = (device: number, computer: string, at: number, more: Partial<Sighting['instance']> = {}): Sighting => ({
  device,
  sentAt: at,
  receivedAt: at + 10,
  instance: { computer, projects: ['shop'], ...more },
});

test('alone, a computer answers everything; once another one writes, the several-computer rules apply', (t) => {
  const { computers } = setup(t);
  assert.equal(computers.several(), false);
  assert.equal(computers.speaker(), true);
  assert.equal(computers.seen(sighting(3, 'Desktop', 100)), true, 'a new computer');
  assert.equal(computers.several(), true);
  assert.equal(computers.seen(sighting(3, 'Desktop', 200)), false, 'already known');
  assert.deepEqual(
    computers.peers().map((p) => [p.device, p.name, p.lastSeen]),
    [[3, 'Desktop', 210]],
  );
});

test('its own messages (same device id) never make a computer its own peer', (t) => {
  const { computers, state } = setup(t);
  // As another version might have written it: this computer among the peers.
  state.set('computers.peers', [{ device: 2, name: 'Laptop', projects: [], lastSeen: 1 }]);
  assert.equal(computers.several(), false);
  assert.deepEqual(computers.peers(), []);
});

test('the lowest device id speaks for all; a computer that does not know its own id speaks', (t) => {
  const { computers, become } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100));
  assert.equal(computers.speaker(), true, 'device 2 < 3');
  computers.seen(sighting(1, 'Old mac', 100));
  assert.equal(computers.speaker(), false, 'device 1 is lower');
  become({ name: 'Laptop', device: undefined });
  assert.equal(computers.speaker(), true);
  become({ name: 'Laptop', device: 5 });
  assert.equal(computers.speaker(), false);
  become({ name: 'Laptop', device: 0 });
  assert.equal(computers.speaker(), true);
});

test('a relinked computer (new device id, same name in any letter case) replaces its old entry', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100));
  computers.seen(sighting(4, 'Other', 100));
  assert.equal(computers.seen(sighting(7, 'DESKTOP', 200)), true);
  assert.deepEqual(
    computers.peers().map((p) => [p.device, p.name]),
    [[4, 'Other'], [7, 'DESKTOP']],
  );
});

test('a renamed computer (same device id) is updated in place, with its projects and current project', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100, { current: 'shop' }));
  assert.equal(computers.seen(sighting(3, 'Workstation', 200, { projects: ['blog', 'shop'] })), false);
  assert.deepEqual(computers.peers(), [{ device: 3, name: 'Workstation', projects: ['blog', 'shop'], lastSeen: 210 }]);
  assert.equal(computers.named('desktop'), undefined);
  assert.equal(computers.named('workstation')?.device, 3);
});

test('a late, older message does not roll a computer back', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Workstation', 500, { projects: ['blog'] }));
  assert.equal(computers.seen(sighting(3, 'Desktop', 100)), false);
  assert.deepEqual(computers.peers().map((p) => [p.name, p.projects, p.lastSeen]), [['Workstation', ['blog'], 510]]);
  computers.seen(sighting(3, 'Desktop', 500));
  assert.equal(computers.peers()[0]?.name, 'Desktop', 'a message received at the same moment still counts');
});

test('@name finds a computer in any letter case, spaces written as dashes; a project is found by its name', (t) => {
  const { computers } = setup(t, { name: 'Ann’s  Laptop', device: 2 });
  computers.seen(sighting(3, 'Office Mac', 100, { projects: ['Shop', 'blog'] }));
  assert.equal(computers.named('office-mac')?.device, 3);
  assert.equal(computers.named(' OFFICE-MAC ')?.device, 3);
  assert.equal(computers.named('office'), undefined);
  assert.equal(computers.holding('shop')?.device, 3);
  assert.equal(computers.holding('BLOG')?.device, 3);
  assert.equal(computers.holding('sho'), undefined);
  assert.equal(computers.isMe('ann’s-laptop'), true);
  assert.equal(computers.isMe('office-mac'), false);
  assert.equal(addressable('  Office   Mac '), 'office-mac');
});

test('another computer took the current project only when its choice is newer than this one’s', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(4, 'Idle', 50));
  assert.equal(computers.currentElsewhere(0), false, 'a computer without a current project took nothing');
  computers.seen(sighting(3, 'Desktop', 100, { current: 'shop' }));
  assert.equal(computers.currentElsewhere(99), true);
  assert.equal(computers.currentElsewhere(100), false, 'chosen at the same moment is not newer');
  assert.equal(computers.currentElsewhere(150), false);
});

test('what the previous version stored is still known after an update', (t) => {
  const { computers, state } = setup(t);
  state.set('computers.peers', [{ device: 3, name: 'Desktop', projects: ['shop'], lastSeen: 1 }]);
  state.set('computers.peerMessages', [1234]);
  assert.equal(computers.several(), true);
  assert.equal(computers.holding('shop')?.device, 3);
  assert.equal(computers.isPeerMessage(1234), true);
});

test('a quote of another computer’s message is recognised; only the latest 500 are kept', (t) => {
  const { computers } = setup(t);
  assert.equal(computers.isPeerMessage(1000), false, 'nothing known yet');
  computers.seen(sighting(3, 'Desktop', 1000));
  assert.equal(computers.isPeerMessage(1000), true);
  assert.equal(computers.isPeerMessage(1010), false, 'the receive time is not the message');
  for (let i = 1; i <= 500; i++) computers.seen(sighting(3, 'Desktop', 1000 + i));
  assert.equal(computers.isPeerMessage(1000), false, 'the oldest fell out');
  assert.equal(computers.isPeerMessage(1001), true);
  assert.equal(computers.isPeerMessage(1500), true);
});

test('the installation id tells a relinked computer (replaced) from a second one of the same name (kept, a clash)', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100, { instance: 'aaaa' }));
  // Relinked: same installation, new device id; its old entry goes.
  computers.seen(sighting(5, 'Desktop', 200, { instance: 'aaaa' }));
  assert.deepEqual(computers.peers().map((p) => p.device), [5]);
  // Another installation that happens to have the same name: both are kept, and the name is ambiguous.
  computers.seen(sighting(4, 'desktop', 300, { instance: 'bbbb' }));
  assert.deepEqual(computers.peers().map((p) => p.device).sort(), [4, 5]);
  assert.deepEqual(computers.devicesCalled('Desktop'), [4, 5]);
  assert.equal(computers.calledCount('desktop'), 2);
  assert.equal(computers.named('nobody'), undefined);
});

test('a computer the server no longer has is gone: never a peer to route to, still listed, back when it writes again', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100));
  computers.gone([3, 7], 500);
  assert.equal(computers.several(), false);
  assert.equal(computers.named('Desktop'), undefined);
  assert.deepEqual(computers.known().map((p) => [p.device, p.goneAt]), [[3, 500]]);
  assert.equal(computers.seen(sighting(3, 'Desktop', 600)), true, 'seen again: new here, so it is greeted');
  assert.equal(computers.several(), true);
});

test('the installation id is made once and kept', (t) => {
  const { computers } = setup(t);
  const id = computers.instanceId();
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(computers.instanceId(), id);
});
