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
      { name: 'Laptop', projects: [], lastSeen: undefined, self: true },
      { name: 'laptop', projects: [], lastSeen: now, self: false },
    ],
    now,
  );
  assert.match(clash, /⚠️ Two computers are called \*\*Laptop\*\*/);
});
