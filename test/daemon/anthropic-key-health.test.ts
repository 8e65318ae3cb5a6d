// A key Anthropic refuses, as the owner meets it: the local Anthropic-compatible server answers
// 401 like the real API does for a bad x-api-key; health and status say degraded with the
// reason, the phone gets one notice however many instructions fail, and once a call works again
// the problem is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import type { Daemon } from '../../src-main/daemon/daemon.js';

const rejected = { kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' } as const;
const keyProblem = (daemon: Daemon) => daemon.health().problems.find((p) => p.code === 'anthropic-key-rejected');

test('a rejected API key: degraded with the reason, one phone notice for two failed turns, cleared by a working call', { timeout: 120_000 }, async (t) => {
  const p = await startProduct(t);
  p.folder('hello-app');
  await p.phone.say('/add hello-app');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('hello-app'), 'the /add confirmation');
  assert.equal(keyProblem(p.daemon), undefined, 'no call made yet: nothing known against the key');

  p.claude.enqueue(rejected, rejected);
  await p.phone.say('fix the failing test');
  const failed = await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('❌'), 'the failed turn');
  assert.match(failed.body, /invalid x-api-key/);
  const notice = await p.phone.waitFor((m) => m.body.startsWith('🔑'), 'the key notice');
  assert.equal(notice.kind, 'notify', 'the owner is alerted');
  assert.match(notice.body, /^🔑 Anthropic rejected the API key \(HTTP 401\): no instruction can run until a working key is set/);

  const problem = keyProblem(p.daemon);
  assert.match(problem?.message ?? '', /^Anthropic rejected the API key \(HTTP 401\)/);
  assert.equal(p.daemon.health().ok, false, '/api/health says degraded');
  assert.deepEqual(p.daemon.status().health.problems.map((x) => x.code), ['anthropic-key-rejected'], '/api/status gives the same reason, and only it');

  await p.phone.say('and the other test');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('❌') && m.timestamp !== failed.timestamp, 'the second failed turn');
  assert.equal(p.phone.shown.filter((m) => m.body.startsWith('🔑')).length, 1, 'one notice, not one per turn');

  // The key works again (fixed at Anthropic's end, or a new one): the next call succeeds.
  p.claude.enqueue(reply([text('All green now.')]));
  await p.phone.say('try once more');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('All green now.'), 'the answer');
  assert.equal(keyProblem(p.daemon), undefined, 'cleared by the successful call');
  assert.equal(p.daemon.health().ok, true);
  assert.equal(p.phone.shown.filter((m) => m.body.startsWith('🔑')).length, 1);
});
