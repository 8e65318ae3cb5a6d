// What the routing asks of the known computers (chat/computer-routing.ts), one question at a time:
// which names clash, which devices answer to a name, who holds the current project, whether a
// peer has a project an @prefix finds or one it did not have before, who speaks while another is
// waited for, and the approval-id digit that keeps two computers' approvals apart. The same
// answers decide, end to end, the several-computers tests (computers-routing and the others),
// which take minutes; these take milliseconds.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { approvalIdDigit, Computers, type Sighting, type ThisComputer } from '../../src-main/chat/computers.js';
import { AppStateRepo } from '../../src-main/store/app-state-repo.js';
import { openTestStore } from '../helpers/store.js';

function setup(t: TestContext, self: ThisComputer = { name: 'Laptop', device: 2 }) {
  const state = new AppStateRepo(openTestStore(t));
  let changes = 0;
  const computers = new Computers(state, () => self, () => changes++);
  return { state, computers, changes: () => changes };
}

const sighting = (device: number, computer: string, at: number, more: Partial<Sighting['instance']> = {}): Sighting => ({
  device,
  sentAt: at,
  receivedAt: at + 10,
  instance: { computer, projects: ['shop'], ...more },
});

test('names two computers share are clashes, each listed once as first written; this computer counts too', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'laptop', 100, { instance: 'a' }));
  computers.seen(sighting(4, 'Desktop', 100, { instance: 'b' }));
  computers.seen(sighting(5, 'desktop', 100, { instance: 'c' }));
  computers.seen(sighting(6, 'Studio', 100, { instance: 'd' }));
  assert.deepEqual(computers.clashes(), ['Laptop', 'Desktop']);
  assert.equal(computers.calledCount('LAPTOP'), 2, 'this one and device 3');
  assert.equal(computers.calledCount('desktop'), 2);
  assert.equal(computers.calledCount('Studio'), 1);
  assert.equal(computers.calledCount('nobody'), 0);
  assert.deepEqual(computers.devicesCalled('laptop'), [2, 3], 'this computer among them, lowest first');
  assert.deepEqual(computers.devicesCalled('Desktop'), [4, 5]);
  assert.deepEqual(computers.devicesCalled('studio'), [6]);
});

test('a name written with spaces is the same name written with dashes', (t) => {
  const { computers } = setup(t, { name: 'Home box', device: 2 });
  computers.seen(sighting(3, 'home-box', 100, { instance: 'a' }));
  assert.deepEqual(computers.clashes(), ['Home box']);
  assert.deepEqual(computers.devicesCalled('home box'), [2, 3]);
  assert.equal(computers.selfName(), 'Home box');
  assert.equal(computers.selfDevice(), 2);
});

test('unlinked, this computer answers to its name as device 0', (t) => {
  const { computers } = setup(t, { name: 'Laptop', device: undefined });
  computers.seen(sighting(3, 'Laptop', 100, { instance: 'a' }));
  assert.deepEqual(computers.devicesCalled('laptop'), [0, 3]);
});

test('@prefix finds a project on another computer by the start of its name, in any letter case', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100, { projects: ['Web-Shop', 'blog'] }));
  computers.seen(sighting(4, 'Studio', 100, { projects: ['notes'] }));
  assert.equal(computers.startingWith('web'), true, 'one computer having it is enough');
  assert.equal(computers.startingWith('WEB-S'), true);
  assert.equal(computers.startingWith('shop'), false, 'the end of a name is not its start');
  assert.equal(computers.startingWith('blogs'), false);
});

test('a project another computer added since a snapshot is noticed; the same projects in another letter case are not new', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100, { projects: ['shop'] }));
  computers.seen(sighting(4, 'Studio', 100, { projects: ['blog'] }));
  const before = computers.projectKeys();
  assert.equal(computers.addedSince(before), false);
  computers.seen(sighting(3, 'Desktop', 200, { projects: ['SHOP'] }));
  assert.equal(computers.addedSince(before), false);
  computers.seen(sighting(4, 'Studio', 300, { projects: ['blog', 'notes'] }));
  assert.equal(computers.addedSince(before), true);
  assert.equal(computers.addedSince(computers.projectKeys()), false);
});

test('the current project is held by the computer that chose it last, only when that is newer than this one’s choice', (t) => {
  const { computers } = setup(t);
  assert.equal(computers.currentHolder(0), undefined);
  computers.seen(sighting(3, 'Desktop', 100, { current: 'shop', currentSince: 1000 }));
  computers.seen(sighting(4, 'Studio', 100, { current: 'blog', currentSince: 3000 }));
  computers.seen(sighting(5, 'Attic', 100, { current: 'notes', currentSince: 2000 }));
  computers.seen(sighting(6, 'Garage', 100)); // no current project
  assert.equal(computers.currentHolder(0)?.name, 'Studio', 'the latest choice');
  assert.equal(computers.currentHolder(2999)?.name, 'Studio');
  assert.equal(computers.currentHolder(3000), undefined, 'this computer chose at the same moment or later');
});

test('while another computer is waited for, the lowest of the rest speaks', (t) => {
  const { computers } = setup(t, { name: 'Laptop', device: 3 });
  computers.seen(sighting(1, 'Desktop', 100));
  computers.seen(sighting(5, 'Studio', 100));
  assert.equal(computers.speaker(), false);
  assert.equal(computers.speakerExcept(1), true, 'device 1 is waited for; 3 is the lowest of the rest');
  assert.equal(computers.speakerExcept(5), false);
});

test('a computer the server dropped is marked once, when it is first found gone; unknown devices change nothing', (t) => {
  const { computers, changes } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100));
  computers.seen(sighting(4, 'Studio', 100));
  const before = changes();
  computers.gone([9], 500);
  assert.equal(changes(), before, 'nothing known changed');
  computers.gone([3], 500);
  assert.equal(changes(), before + 1);
  computers.gone([3, 9], 900);
  assert.equal(changes(), before + 1, 'already gone');
  assert.deepEqual(
    computers.known().map((p) => [p.device, p.goneAt]),
    [[3, 500], [4, undefined]],
  );
  assert.deepEqual(computers.peers().map((p) => p.device), [4]);
  computers.gone([3, 4], 1200);
  assert.deepEqual(
    computers.known().map((p) => [p.device, p.goneAt]),
    [[3, 500], [4, 1200]],
    'the first time it was found gone is kept',
  );
});

test('a computer from an older version (no installation id) relinked with a newer one is still recognised by its name', (t) => {
  const { computers, state } = setup(t);
  state.set('computers.peers', [{ device: 3, name: 'Desktop', projects: [], lastSeen: 1 }]);
  computers.seen(sighting(7, 'desktop', 100, { instance: 'new-id' }));
  assert.deepEqual(computers.peers().map((p) => [p.device, p.instance]), [[7, 'new-id']]);
});

test('a message from an older version (no installation id) is taken for the same-named computer it relinked from', (t) => {
  const { computers } = setup(t);
  computers.seen(sighting(3, 'Desktop', 100, { instance: 'old-id' }));
  computers.seen(sighting(7, 'DESKTOP', 200));
  assert.deepEqual(computers.peers().map((p) => p.device), [7]);
});

test('the installation id a previous version made is kept', (t) => {
  const { computers, state } = setup(t);
  state.set('computers.instanceId', 'abcdef0123456789');
  assert.equal(computers.instanceId(), 'abcdef0123456789');
});

test("the other computers' messages remembered by a previous version are still recognised as theirs", (t) => {
  const { computers, state } = setup(t);
  state.set('computers.peerMessages', [1234]);
  assert.equal(computers.isPeerMessage(1234), true);
  assert.equal(computers.isPeerMessage(1235), false);
});

test("an approval id's first digit is the device id in hex, so two computers' ids never clash", () => {
  assert.equal(approvalIdDigit(2), '2');
  assert.equal(approvalIdDigit(11), 'b');
  assert.equal(approvalIdDigit(18), '2', 'ids wrap at 16');
  assert.equal(approvalIdDigit(0), '0');
  assert.equal(approvalIdDigit(undefined), undefined, 'unlinked: no digit');
});
