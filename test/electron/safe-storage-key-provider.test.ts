// The desktop app's database key box. Electron's safeStorage cannot run in plain Node, so a
// reversible cipher with the same interface stands in for the OS key store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseKeyProvider, SafeStorageKeyProvider, type StringCipher } from '../../src-main/electron/safe-storage-key-provider.js';
import { StoreError } from '../../src-main/shared/errors.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { tempDir } from '../helpers/temp.js';

function osKeyStore(options: { available?: boolean; backend?: string } = {}): StringCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test('creates a key once, stores only the ciphertext (0600), and gives the same key back', (t) => {
  const dir = tempDir(t);
  const store = osKeyStore();
  const provider = new SafeStorageKeyProvider(dir, store);
  assert.equal(provider.exists(), false);
  const key = provider.load({ create: true });
  assert.equal(key.length, 32);
  const onDisk = readFileSync(provider.path);
  assert.ok(!onDisk.includes(key.toString('hex')), 'the file holds no plain key');
  assert.equal(statSync(provider.path).mode & 0o777, 0o600);
  assert.deepEqual(new SafeStorageKeyProvider(dir, store).load({ create: false }), key);
});

test('another user (another key store) cannot unlock it; a damaged key is named as such', (t) => {
  const dir = tempDir(t);
  new SafeStorageKeyProvider(dir, osKeyStore()).load({ create: true });
  assert.throws(
    () => new SafeStorageKeyProvider(dir, osKeyStore()).load({ create: false }),
    (e: unknown) => e instanceof StoreError && e.code === 'KEY_UNAVAILABLE' && /key store cannot unlock/.test(e.message) && /Log in as the user/.test(e.hint ?? ''),
  );
  const store = osKeyStore();
  const damagedDir = tempDir(t);
  writeFileSync(join(damagedDir, 'db.key.safe'), store.encryptString('not a key'));
  assert.throws(() => new SafeStorageKeyProvider(damagedDir, store).load({ create: false }), /is damaged/);
});

test('a data folder first used headless keeps its key file; a new one uses the OS key store when it is real', (t) => {
  const headlessDir = tempDir(t);
  new FileKeyProvider(headlessDir).load({ create: true });
  assert.ok(chooseKeyProvider(headlessDir, osKeyStore(), 'darwin') instanceof FileKeyProvider);

  assert.ok(chooseKeyProvider(tempDir(t), osKeyStore(), 'darwin') instanceof SafeStorageKeyProvider);
  assert.ok(chooseKeyProvider(tempDir(t), osKeyStore({ available: false }), 'win32') instanceof FileKeyProvider);
  assert.ok(chooseKeyProvider(tempDir(t), osKeyStore({ backend: 'basic_text' }), 'linux') instanceof FileKeyProvider, 'no key ring: no pretend protection');
});
