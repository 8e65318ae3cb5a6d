// Small typed internal app state (the current project, pending save proposals, undo marks …):
// JSON values, checked with a schema on read so a value written by an older version never
// crashes a newer one. Not configuration: preferences live in the preferences file. The table
// keeps its historical name `settings` (renaming it would need a migration for no gain).
import type { z } from 'zod';
import type { Store } from './database.js';

export class AppStateRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    const row = this.store.db.prepare('SELECT value FROM settings WHERE key = ?').get<{ value: string }>([key]);
    if (!row) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  set(key: string, value: unknown): void {
    this.store.db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run([key, JSON.stringify(value), this.now()]);
  }

  delete(key: string): void {
    this.store.db.prepare('DELETE FROM settings WHERE key = ?').run([key]);
  }
}
