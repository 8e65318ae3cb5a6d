// The /computers answer: every computer with its projects, the others with when they were last
// seen, and a warning when another computer has this one's name (then @name cannot tell them apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computerList } from '../../../src-main/display/wording/computers.js';

const now = 1_000_000_000;

test('/computers lists each computer and warns once when two share a name', () => {
  const two = computerList(
    [
      { name: 'laptop', projects: ['shop', 'api'], lastSeen: undefined, self: true },
      { name: 'desktop', projects: [], lastSeen: now - 5 * 60_000, self: false },
    ],
    now,
  );
  assert.match(two, /💻 \*\*laptop\*\* — this one · shop, api/);
  assert.match(two, /💻 \*\*desktop\*\* — last seen 5 min ago · no projects/);
  assert.doesNotMatch(two, /⚠️/);
  const clash = computerList(
    [
      { name: 'Laptop', device: 1, projects: [], lastSeen: undefined, self: true },
      { name: 'laptop', device: 3, projects: [], lastSeen: now, self: false },
    ],
    now,
  );
  assert.match(clash, /⚠️ 2 computers are called \*\*Laptop\*\*/);
  assert.equal(clash.match(/⚠️/g)?.length, 1, 'one warning per shared name');
  // Each is shown with the device number that tells them apart (`@laptop#3`).
  assert.match(clash, /💻 \*\*Laptop\*\* \(#1\) — this one/);
  assert.match(clash, /💻 \*\*laptop\*\* \(#3\) — last seen/);
  assert.match(clash, /@laptop#N \/name NEW/);
});

test('two OTHER computers with one name are reported too; an unlinked one is shown as gone, not as a clash', () => {
  const list = computerList(
    [
      { name: 'desk', device: 1, projects: [], lastSeen: undefined, self: true },
      { name: 'mini', device: 2, projects: ['web'], lastSeen: now - 60_000, self: false },
      { name: 'mini', device: 3, projects: [], lastSeen: now - 60_000, self: false },
      { name: 'desk', device: 4, projects: [], lastSeen: now - 3_600_000, self: false, goneAt: now - 60_000 },
    ],
    now,
  );
  assert.match(list, /⚠️ 2 computers are called \*\*mini\*\*/);
  assert.doesNotMatch(list, /computers are called \*\*desk\*\*/, 'the unlinked desk does not clash with this one');
  assert.match(list, /🚫 \*\*desk\*\* — unlinked from this account/);
  assert.match(list, /💻 \*\*desk\*\* — this one/);
});
