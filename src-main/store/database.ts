// The one embedded, encrypted database (SQLCipher via @signalapp/sqlcipher). Opening it either
// gives a healthy, migrated store or a StoreError that names the file and what to do: a wrong
// key or damaged file is never "fixed" by silently creating an empty database.
import Database, { setLogger } from '@signalapp/sqlcipher';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, systemErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { latestVersion, migrate, schemaVersion, type Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { WalSync } from './wal-sync.js';

export const DATABASE_FILE = 'signal-claude.db';

export interface StoreOptions {
  readonly path: string;
  readonly key: Buffer;
  readonly logger?: Logger;
  readonly migrations?: readonly Migration[];
  /** Run the full integrity_check instead of quick_check at open (slower on big databases). */
  readonly fullIntegrityCheck?: boolean;
}

export interface IntegrityResult {
  readonly ok: boolean;
  readonly detail: string;
}

const RECOVERY_HINT =
  'Restore the data folder from a backup, or move it away to start over (you will need to link again). Nothing was changed.';

export class Store {
  readonly db: Database;
  readonly path: string;
  private closed = false;
  private readonly wal: WalSync;

  private constructor(db: Database, path: string) {
    this.db = db;
    this.path = path;
    this.wal = new WalSync(`${path}-wal`);
  }

  static open(options: StoreOptions): Store {
    const { path, key, logger } = options;
    const migrations = options.migrations ?? MIGRATIONS;
    // SQLCipher's own diagnostics go to our logger instead of raw stderr; this hook is
    // process-wide in the native module, so the last opened store's logger wins.
    setLogger((code, message) => logger?.debug({ mod: 'sqlcipher', code }, message));
    const existed = existsSync(path);
    checkWritable(path, existed);

    let db: Database;
    try {
      db = new Database(path, { cacheStatements: true });
    } catch (error) {
      throw openFailure(path, error);
    }
    try {
      // SQLCipher's own log writes to stderr; the failure itself reaches us as an error.
      db.pragma('cipher_log_level = NONE');
      db.pragma(`key = "x'${key.toString('hex')}'"`);
      // The first read decrypts page 1: this is where a wrong key or a damaged file shows.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const integrity = runIntegrityCheck(db, options.fullIntegrityCheck ?? false);
      if (!integrity.ok) {
        throw new StoreError('STORE_CORRUPT', `The database ${path} is damaged (${integrity.detail}).`, { hint: RECOVERY_HINT });
      }
      const current = schemaVersion(db);
      const latest = latestVersion(migrations);
      if (current > latest) {
        throw new StoreError('STORE_NEWER_SCHEMA', `The database ${path} was written by a newer version of Signal Claude (schema ${current}, this app knows ${latest}).`, {
          hint: 'Update the app, or use another --data-dir.',
        });
      }
      const after = migrate(db, migrations);
      if (after !== current) logger?.info({ mod: 'store', from: current, to: after }, 'database migrated');
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw error;
      throw openFailure(path, error, existed);
    }
    return new Store(db, path);
  }

  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Runs `fn` in one transaction (synchronous: no awaits inside). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Resolves once every commit made before the call is on disk, for a commit something outside
   * relies on (the receive batch acknowledged to Signal, which then deletes it). The store runs
   * WAL with synchronous = NORMAL, where a commit reaches the disk only at the next checkpoint;
   * this fsyncs the WAL file off the event loop (see wal-sync.ts), and commits made while one
   * fsync runs share the next one.
   */
  syncWal(): Promise<void> {
    return this.wal.sync();
  }

  /** WAL fsyncs completed so far (tests show with it that a commit was synced before it was relied on). */
  walSyncs(): number {
    return this.wal.completed;
  }

  /** The synchronous level in effect now: 1 NORMAL, 2 FULL. */
  synchronousLevel(): number {
    return Number(this.db.pragma('synchronous', { simple: true }));
  }

  integrityCheck(full = false): IntegrityResult {
    return runIntegrityCheck(this.db, full);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wal.close();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A checkpoint is an optimisation; WAL replays on the next open anyway.
    }
    this.db.close();
  }
}

function runIntegrityCheck(db: Database, full: boolean): IntegrityResult {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, unknown>>;
  const messages = rows.map((r) => String(Object.values(r)[0]));
  const ok = messages.length === 1 && messages[0] === 'ok';
  return { ok, detail: ok ? 'ok' : messages.slice(0, 3).join('; ') };
}

function checkWritable(path: string, existed: boolean): void {
  const target = existed ? path : dirname(path);
  try {
    accessSync(target, constants.W_OK);
    if (existed) accessSync(dirname(path), constants.W_OK); // WAL and journal files live beside it
  } catch (error) {
    throw new StoreError('STORE_READ_ONLY', `The database ${path} cannot be written (${systemErrorCode(error) ?? 'read-only'}).`, {
      hint: 'Make the data folder writable, or pass another one with --data-dir.',
    });
  }
}

function openFailure(path: string, error: unknown, existed = true): StoreError {
  const code = systemErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') {
    return new StoreError('STORE_WRONG_KEY', `The database ${path} cannot be opened: its key is wrong or the file is damaged.`, {
      hint: `If you restored the data folder, restore its key with it. ${RECOVERY_HINT}`,
    });
  }
  if (code === 'SQLITE_CORRUPT') return new StoreError('STORE_CORRUPT', `The database ${path} is damaged.`, { hint: RECOVERY_HINT });
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || /readonly|unable to open/i.test(message)) {
    return new StoreError('STORE_READ_ONLY', `The database ${path} cannot be ${existed ? 'opened for writing' : 'created'} (${code ?? message}).`, {
      hint: 'Make the data folder writable, or pass another one with --data-dir.',
    });
  }
  return new StoreError('STORE_OPEN_FAILED', `The database ${path} cannot be opened (${code ?? message}).`, { hint: RECOVERY_HINT, cause: error });
}
