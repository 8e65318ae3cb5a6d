import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { latestVersion } from '../../src-main/store/migration.js';
import { MIGRATIONS } from '../../src-main/store/migrations/index.js';
import { AppStateRepo } from '../../src-main/store/app-state-repo.js';
import { SecretsRepo } from '../../src-main/store/secrets-repo.js';
import { StoreError } from '../../src-main/shared/errors.js';
import { tempDir } from '../helpers/temp.js';
import { openUpFor, runTsAsOrdinaryUser } from '../helpers/unprivileged.js';

function open(path: string, key: Buffer): Store {
  return Store.open({ path, key });
}

test('a new store is migrated to the latest schema, in WAL mode with foreign keys on', (t) => {
  const path = join(tempDir(t), DATABASE_FILE);
  const store = open(path, randomBytes(32));
  t.after(() => store.close());
  assert.equal(store.schemaVersion(), latestVersion(MIGRATIONS));
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
  assert.deepEqual(store.integrityCheck(true), { ok: true, detail: 'ok' });
});

test('data survives a reopen with the same key and is unreadable without it', (t) => {
  const path = join(tempDir(t), DATABASE_FILE);
  const key = randomBytes(32);
  const first = open(path, key);
  new AppStateRepo(first).set('currentProject', { id: 'p1' });
  new SecretsRepo(first).set('anthropic-api-key', 'sk-ant-test-secret-value');
  first.close();

  // Encrypted at rest: neither the secret nor SQLite's header is in the file.
  const raw = readFileSync(path);
  assert.equal(raw.includes(Buffer.from('sk-ant-test-secret-value')), false);
  assert.notEqual(raw.subarray(0, 15).toString('latin1'), 'SQLite format 3');

  const second = open(path, key);
  t.after(() => second.close());
  assert.deepEqual(new AppStateRepo(second).get('currentProject', z.object({ id: z.string() })), { id: 'p1' });
  assert.equal(new SecretsRepo(second).get('anthropic-api-key'), 'sk-ant-test-secret-value');
});

test('a wrong key is a clear StoreError naming the file, and the file is left as it was', (t) => {
  const path = join(tempDir(t), DATABASE_FILE);
  const store = open(path, randomBytes(32));
  new AppStateRepo(store).set('x', 1);
  store.close();
  const before = readFileSync(path);
  assert.throws(
    () => open(path, randomBytes(32)),
    (error: unknown) => error instanceof StoreError && error.code === 'STORE_WRONG_KEY' && error.message.includes(path) && /restore/i.test(error.hint ?? ''),
  );
  assert.deepEqual(readFileSync(path), before);
});

test('a damaged file is reported, never replaced by an empty database', (t) => {
  const path = join(tempDir(t), DATABASE_FILE);
  writeFileSync(path, Buffer.alloc(8192, 7));
  assert.throws(() => open(path, randomBytes(32)), (error: unknown) => error instanceof StoreError && /damaged/.test(error.message));
  assert.deepEqual(readFileSync(path), Buffer.alloc(8192, 7));
});

test('a database from a newer app version is refused', (t) => {
  const path = join(tempDir(t), DATABASE_FILE);
  const key = randomBytes(32);
  const store = open(path, key);
  store.db.pragma('user_version = 999');
  store.close();
  assert.throws(() => open(path, key), (error: unknown) => error instanceof StoreError && error.code === 'STORE_NEWER_SCHEMA');
});

test('a folder that cannot be written gives STORE_READ_ONLY and creates nothing', (t) => {
  const base = tempDir(t);
  openUpFor(base);
  const dir = join(base, 'ro');
  mkdirSync(dir, { mode: 0o555 });
  const fixture = fileURLToPath(new URL('./fixtures/open-store.ts', import.meta.url));
  const result = runTsAsOrdinaryUser(fixture, [join(dir, DATABASE_FILE)]);
  assert.match(result.stdout, new RegExp(`^STORE_READ_ONLY The database ${dir}/${DATABASE_FILE} cannot be written`), result.stderr);
  assert.deepEqual(readdirSync(dir), []);
});

test('a transaction that throws leaves nothing behind', (t) => {
  const store = open(join(tempDir(t), DATABASE_FILE), randomBytes(32));
  t.after(() => store.close());
  const settings = new AppStateRepo(store);
  assert.throws(() =>
    store.transaction(() => {
      settings.set('half', 1);
      throw new Error('boom');
    }),
  );
  assert.equal(settings.get('half', z.number()), undefined);
});

test('syncWal puts what was committed on disk off the event loop; commits waiting meanwhile share one fsync', async (t) => {
  const store = open(join(tempDir(t), DATABASE_FILE), randomBytes(32));
  t.after(() => store.close());
  const settings = new AppStateRepo(store);
  assert.equal(store.synchronousLevel(), 1, 'commits are NORMAL (the WAL is synced at checkpoints or on request)');
  settings.set('acked', 1);
  await store.syncWal();
  assert.equal(store.walSyncs(), 1);

  // Three commits ask while one fsync may still run: the first waits for a new one, the others share it.
  const waits: Promise<void>[] = [];
  for (const n of [2, 3, 4]) {
    settings.set('acked', n);
    waits.push(store.syncWal());
  }
  await Promise.all(waits);
  assert.equal(store.walSyncs(), 2, 'one more fsync covers the three commits');
  assert.equal(settings.get('acked', z.number()), 4);
  assert.equal(store.synchronousLevel(), 1);

  store.close();
  await assert.rejects(store.syncWal(), 'a closed store cannot promise anything is on disk');
});