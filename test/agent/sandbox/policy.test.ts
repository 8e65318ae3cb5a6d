// The sandbox policy crosses the command host's socket: what arrives is checked before any
// command runs under it. An empty project, added, home, hidden, state or read-only path would
// widen or break the confinement (an empty mount target), so such a policy is refused rather
// than applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SandboxPolicySchema } from '../../../src-main/agent/sandbox/policy.js';

test('a full policy passes unchanged; hidden folders default to none', () => {
  const full = { root: '/home/ann/code/app', added: ['/home/ann/code/lib'], network: false, home: '/home/ann', hide: ['/srv/signal-claude'], state: '/tmp/session-1', readOnly: ['/home/ann/code/app/.git/hooks', '/home/ann/code/app/.envrc'] };
  assert.deepEqual(SandboxPolicySchema.parse(full), full);
  assert.deepEqual(SandboxPolicySchema.parse({ root: '/a', network: true }), { root: '/a', network: true, hide: [] });
});

test('an empty project folder, added folder, home, hidden, state or read-only path, or a missing network choice, is refused', () => {
  for (const bad of [
    { root: '', network: false },
    { root: '/a', network: false, home: '' },
    { root: '/a', network: false, hide: [''] },
    { root: '/a', network: false, added: [''] },
    { root: '/a', network: false, state: '' },
    { root: '/a', network: false, readOnly: [''] },
    { root: '/a' },
    { network: false },
  ]) {
    assert.equal(SandboxPolicySchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});
