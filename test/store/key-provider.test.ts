import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { StoreError } from '../../src-main/shared/errors.js';
import { tempDir } from '../helpers/temp.js';

test('the key file is created once, 0600, and read back unchanged', (t) => {
  const provider = new FileKeyProvider(tempDir(t));
  assert.equal(provider.exists(), false);
  const key = provider.load({ create: true });
  assert.equal(key.length, 32);
  assert.equal(statSync(provider.path).mode & 0o777, 0o600);
  assert.deepEqual(provider.load({ create: false }), key);
  assert.deepEqual(provider.load({ create: true }), key, 'an existing key is never replaced');
});

test('a missing key for an existing database is an error, not a new key', (t) => {
  const provider = new FileKeyProvider(tempDir(t));
  assert.throws(() => provider.load({ create: false }), (e: unknown) => e instanceof StoreError && e.code === 'KEY_UNAVAILABLE' && e.message.includes(provider.path));
  assert.equal(provider.exists(), false);
});

test('a damaged key file is reported; a too-open one is tightened', (t) => {
  const provider = new FileKeyProvider(tempDir(t));
  writeFileSync(provider.path, 'not hex');
  assert.throws(() => provider.load({ create: false }), /damaged/);
  writeFileSync(provider.path, `${'ab'.repeat(32)}\n`);
  chmodSync(provider.path, 0o644);
  assert.equal(provider.load({ create: false }).toString('hex'), 'ab'.repeat(32));
  assert.equal(statSync(provider.path).mode & 0o777, 0o600);
  assert.equal(readFileSync(provider.path, 'utf8').trim(), 'ab'.repeat(32));
});
