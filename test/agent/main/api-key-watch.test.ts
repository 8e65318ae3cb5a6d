// A refused API key is noticed from the API's answers: told once per rejected key (not once per
// failed turn), forgotten once a call succeeds, and never pinned on a new key not yet tried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyWatch, type KeyRejection } from '../../../src-main/agent/index.js';

function watch(initialKey: string | undefined = 'sk-ant-one') {
  let key = initialKey;
  const told: KeyRejection[] = [];
  const w = new ApiKeyWatch({ currentKey: () => key, now: () => 1000, onRejected: (r) => told.push(r) });
  return { w, told, setKey: (k: string) => (key = k) };
}

test('a 401 or 403 marks the key rejected and tells the owner once, however many turns fail', () => {
  const { w, told } = watch();
  assert.equal(w.rejection(), undefined);
  w.report(401);
  w.report(401);
  w.report(403);
  assert.deepEqual(w.rejection(), { status: 401, at: 1000 });
  assert.deepEqual(told, [{ status: 401, at: 1000 }]);
});

test('a successful call clears it; a later rejection is a new episode, told again', () => {
  const { w, told } = watch();
  w.report(401);
  w.report(200);
  assert.equal(w.rejection(), undefined);
  w.report(403);
  assert.equal(w.rejection()?.status, 403);
  assert.equal(told.length, 2);
});

test('other answers say nothing about the key', () => {
  const { w, told } = watch();
  for (const status of [400, 404, 429, 500, 529, undefined]) w.report(status);
  assert.equal(w.rejection(), undefined);
  w.report(401);
  for (const status of [400, 429, 529, undefined]) w.report(status);
  assert.equal(w.rejection()?.status, 401, 'a rate limit or an overload does not mean the key works');
  assert.equal(told.length, 1);
});

test('a new key is not called rejected before Anthropic answered it; its own rejection is told', () => {
  const { w, told, setKey } = watch();
  w.report(401);
  setKey('sk-ant-two');
  assert.equal(w.rejection(), undefined, 'the new key is not known to be bad');
  w.report(401);
  assert.equal(w.rejection()?.status, 401);
  assert.equal(told.length, 2, 'each rejected key is told once');
});
