// Opening real SQLCipher stores in temp folders, and stepping a raw database through the
// migrations one version at a time (for "from the previous version" migration tests).
import Database from '@signalapp/sqlcipher';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { migrate } from '../../src-main/store/migration.js';
import { MIGRATIONS } from '../../src-main/store/migrations/index.js';
import { tempDir } from './temp.js';

export function openTestStore(t: Pick<TestContext, 'after'>, dir = tempDir(t)): Store {
  const store = Store.open({ path: join(dir, DATABASE_FILE), key: randomBytes(32) });
  t.after(() => store.close());
  return store;
}

/** A keyed raw database migrated up to `version` (0 = empty). */
export function databaseAtVersion(t: Pick<TestContext, 'after'>, version: number): Database {
  const db = new Database(join(tempDir(t), DATABASE_FILE));
  db.pragma(`key = "x'${randomBytes(32).toString('hex')}'"`);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, version);
  t.after(() => db.close());
  return db;
}

export function migrateTo(db: Database, version: number): void {
  migrate(db, MIGRATIONS, version);
}

export function tableNames(db: Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", { pluck: true }).all() as string[];
}
