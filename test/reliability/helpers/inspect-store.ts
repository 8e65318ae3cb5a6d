// Opens a stopped daemon's encrypted database (with the key file beside it) and reports what the
// reliability checks look at: the full integrity check, unhandled inbox rows, turns, the outbox.
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../../src-main/store/database.js';
import { FileKeyProvider } from '../../../src-main/store/key-provider.js';

export interface StoreReport {
  /** PRAGMA integrity_check: "ok" or the first problems. */
  readonly integrity: string;
  readonly unhandledInbox: number;
  readonly turns: number;
  readonly turnStatuses: Record<string, number>;
  readonly outbox: Record<string, number>;
  readonly pendingOutbox: number;
}

export function inspectDataDir(dataDir: string): StoreReport {
  const store = Store.open({ path: join(dataDir, DATABASE_FILE), key: new FileKeyProvider(dataDir).load({ create: false }) });
  try {
    const db = store.db;
    const count = (sql: string) => Number(db.prepare(sql, { pluck: true }).get());
    const grouped = (sql: string) => Object.fromEntries(db.prepare(sql).all<{ k: string; n: number }>().map((r) => [r.k, r.n]));
    const outbox = grouped('SELECT status AS k, count(*) AS n FROM signal_outbox GROUP BY status');
    return {
      integrity: store.integrityCheck(true).detail,
      unhandledInbox: count('SELECT count(*) FROM signal_inbox WHERE handled_at IS NULL'),
      turns: count('SELECT count(*) FROM turns WHERE inbox_id IS NOT NULL'),
      turnStatuses: grouped('SELECT status AS k, count(*) AS n FROM turns GROUP BY status'),
      outbox,
      pendingOutbox: outbox.pending ?? 0,
    };
  } finally {
    store.close();
  }
}
