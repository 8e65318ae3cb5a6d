// Computer names (issue 16): a computer is renamed from the phone (`@desktop /name …`) and the
// other computers learn the new name at once; a name another computer has is refused; and when
// two computers share a name, /computers says so and `@name` asks which one (`@name#3`) instead of
// picking one. Real daemons linked to one mock-server phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { by, chatTiming, claudeSays, exchange, laptopAndDesktop, onlyFrom, startComputers, waitUntil, type Computer } from '../helpers/computers.js';

test('renaming a computer from the phone: the others learn the name, @newname reaches it, a taken name is refused', async (t) => {
  const { c, laptop, desktop } = await laptopAndDesktop(t);

  const unaddressed = await exchange(c, () => c.phone.say('/name box'), (m) => m.body.includes('to rename one'), 'which computer to rename');
  assert.equal(unaddressed.length, 1, '/name without @computer: one question for the account');
  assert.equal(desktop.daemon.services.computers.selfName(), 'desktop', 'nothing was renamed');

  const taken = await exchange(c, () => c.phone.say('@desktop /name Laptop'), (m) => m.body.includes('already called'), 'the refusal');
  onlyFrom(taken, 'desktop', '@desktop /name Laptop');
  assert.equal(desktop.daemon.services.computers.selfName(), 'desktop');

  const invalid = await exchange(c, () => c.phone.say('@desktop /name a/b'), (m) => m.body.includes('cannot be a computer name'), 'the invalid name');
  onlyFrom(invalid, 'desktop', '@desktop /name a/b');

  const renamed = await exchange(c, () => c.phone.say('@desktop /name workstation'), (m) => m.body.includes('now called workstation'), 'the rename');
  assert.equal(renamed.length, 1, 'one answer');
  assert.ok(by('workstation')(renamed[0]!), 'the answer is tagged with the new name');
  assert.equal(desktop.daemon.services.signal.status().account?.deviceName, 'workstation');
  // The laptop learns it from the presence message the desktop sent at once.
  await waitUntil(() => laptop.daemon.services.computers.named('workstation') !== undefined, 'the laptop knows the new name');
  assert.equal(laptop.daemon.services.computers.named('desktop'), undefined, 'the old name reaches nobody');
  assert.equal(laptop.daemon.services.computers.peers().length, 1, 'renamed in place, not a second computer');

  claudeSays(c, 'Workstation here.');
  const reached = await exchange(c, () => c.phone.say('@workstation what is this?'), (m) => m.body.includes('Workstation here.'), 'the answer under the new name');
  onlyFrom(reached, 'workstation', '@workstation');
  const list = await exchange(c, () => c.phone.say('/computers'), (m) => m.body.includes('Computers on this account'), '/computers');
  assert.equal(list.length, 1);
  assert.match(list[0]!.body, /💻 workstation — last seen .* · api/);
  assert.doesNotMatch(list[0]!.body, /desktop/);

  // The name is kept with the link: a restart keeps it (and the preference for a relink follows).
  await desktop.stop();
  await desktop.start();
  assert.equal(desktop.daemon.services.computers.selfName(), 'workstation');
  assert.equal(desktop.daemon.preferences.view().values.deviceName, 'workstation');
});

test('two computers with the same name: /computers says so, @name asks which one, @name#N picks one and a rename clears it', async (t) => {
  const c = await startComputers(t, ['mini', 'mini'], { chatTiming });
  const [first, second] = c.computers as [Computer, Computer];
  await waitUntil(() => c.computers.every((x) => x.daemon.services.computers.peers().length === 1), 'each knows the other (same name, two computers)');
  const d1 = first.daemon.services.computers.selfDevice()!;
  const d2 = second.daemon.services.computers.selfDevice()!;

  const list = await exchange(c, () => c.phone.say('/computers'), (m) => m.body.includes('Computers on this account'), '/computers');
  assert.equal(list.length, 1);
  assert.match(list[0]!.body, new RegExp(`mini \\(#${d1}\\) — this one`));
  assert.match(list[0]!.body, new RegExp(`mini \\(#${d2}\\) — last seen`));
  assert.match(list[0]!.body, /⚠️ 2 computers are called mini/);
  for (const x of c.computers) {
    assert.deepEqual(
      x.daemon.computers.list().map((v) => v.sameName),
      [true, true],
      'the app shows the clash on both computers',
    );
  }

  const which = await exchange(c, () => c.phone.say('@mini what is this?'), (m) => m.body.includes('Several computers are called'), 'which mini');
  assert.equal(which.length, 1, '@mini: one question, nobody picked');
  assert.match(which[0]!.body, new RegExp(`@mini#${d1}.*@mini#${d2}`));
  assert.equal(c.claude.messageRequests.length, 0, 'nothing ran');

  const renamed = await exchange(c, () => c.phone.say(`@mini#${d2} /name studio`), (m) => m.body.includes('now called studio'), 'the rename of one');
  assert.equal(renamed.length, 1, 'only the computer named by its number answers');
  assert.equal(second.daemon.services.computers.selfName(), 'studio');
  assert.equal(first.daemon.services.computers.selfName(), 'mini');
  await waitUntil(() => first.daemon.services.computers.named('studio') !== undefined, 'the other learns the new name');
  assert.deepEqual(
    first.daemon.computers.list().map((v) => [v.name, v.sameName]),
    [
      ['mini', false],
      ['studio', false],
    ],
  );
});

test('two OTHER computers share a name: the third one reports it on /computers and @name asks which one', async (t) => {
  const c = await startComputers(t, ['desk', 'mini', 'mini'], { chatTiming });
  const [desk, m1, m2] = c.computers as [Computer, Computer, Computer];
  await waitUntil(() => c.computers.every((x) => x.daemon.services.computers.peers().length === 2), 'each knows both others');
  const [d1, d2] = [m1.daemon.services.computers.selfDevice()!, m2.daemon.services.computers.selfDevice()!];
  // The desk has the lowest device id: it answers /computers for the account.
  const list = await exchange(c, () => c.phone.say('/computers'), (m) => m.body.includes('Computers on this account'), '/computers');
  assert.equal(list.length, 1);
  onlyFrom(list, 'desk', '/computers');
  assert.match(list[0]!.body, new RegExp(`mini \\(#${d1}\\) — last seen`));
  assert.match(list[0]!.body, new RegExp(`mini \\(#${d2}\\) — last seen`));
  assert.match(list[0]!.body, /⚠️ 2 computers are called mini/);
  assert.deepEqual(
    desk.daemon.computers.list().map((v) => [v.name, v.sameName]),
    [
      ['desk', false],
      ['mini', true],
      ['mini', true],
    ],
  );
  const which = await exchange(c, () => c.phone.say('@mini hello'), (m) => m.body.includes('Several computers are called'), 'which mini');
  assert.equal(which.length, 1, 'one question');
  assert.equal(c.claude.messageRequests.length, 0, 'nothing ran');
});
