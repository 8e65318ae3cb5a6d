// Numbered schema migrations. The schema version is SQLite's user_version; each migration runs
// in its own transaction together with the version bump, so a crash leaves either the old or
// the new schema, never half of one.
import type { Database } from '@signalapp/sqlcipher';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }) ?? 0);
}

/** Applies every migration above the current version, up to `target` (default: all). */
export function migrate(db: Database, migrations: readonly Migration[], target = Infinity): number {
  let version = schemaVersion(db);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= version || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
