// Secrets the owner sets in the app (e.g. the Anthropic API key). The database is encrypted at
// rest; this repository never lists values, it only answers for one name at a time.
import type { Store } from './database.js';

export type SecretName = 'anthropic-api-key';

export class SecretsRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  get(name: SecretName): string | undefined {
    const row = this.store.db.prepare('SELECT value FROM secrets WHERE name = ?').get<{ value: Uint8Array<ArrayBuffer> }>([name]);
    return row ? Buffer.from(row.value).toString('utf8') : undefined;
  }

  has(name: SecretName): boolean {
    return this.store.db.prepare('SELECT 1 FROM secrets WHERE name = ?').get([name]) !== undefined;
  }

  set(name: SecretName, value: string): void {
    this.store.db
      .prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run([name, new Uint8Array(Buffer.from(value, 'utf8')), this.now()]);
  }

  delete(name: SecretName): void {
    this.store.db.prepare('DELETE FROM secrets WHERE name = ?').run([name]);
  }
}
