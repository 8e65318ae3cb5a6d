// Where the database key comes from. Headless: a 0600 key file in the data directory. In the
// Electron app: the OS key store through safeStorage (src-main/electron/, same interface).
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StoreError, systemErrorCode } from '../shared/errors.js';

export const KEY_BYTES = 32;

export interface KeyProvider {
  /** Names where the key lives, for messages ("the key file /x/db.key"). */
  readonly description: string;
  /** True when a key has been stored before. */
  exists(): boolean;
  /** Returns the stored key; creates and stores a new random one only when `create` is set. */
  load(options: { create: boolean }): Buffer;
}

export class FileKeyProvider implements KeyProvider {
  readonly path: string;
  readonly description: string;

  constructor(dataDir: string, fileName = 'db.key') {
    this.path = join(dataDir, fileName);
    this.description = `the key file ${this.path}`;
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  load({ create }: { create: boolean }): Buffer {
    if (!this.exists()) {
      if (!create) {
        throw new StoreError('KEY_UNAVAILABLE', `The database key file ${this.path} is missing.`, {
          hint: 'Restore it from the same backup as the database, or move the data folder away to start over (you will need to link again).',
        });
      }
      const key = randomBytes(KEY_BYTES);
      try {
        writeFileSync(this.path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        throw new StoreError('DATA_DIR_UNWRITABLE', `Cannot create the database key file ${this.path} (${systemErrorCode(error) ?? 'error'}).`, {
          hint: 'Check that the data folder is writable, or pass another one with --data-dir.',
          cause: error,
        });
      }
      return key;
    }
    // A key file readable by others is tightened rather than refused: the key is still ours.
    if ((statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const text = readFileSync(this.path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(text)) {
      throw new StoreError('KEY_UNAVAILABLE', `The database key file ${this.path} is damaged (expected 64 hex digits).`, {
        hint: 'Restore it from the same backup as the database.',
      });
    }
    return Buffer.from(text, 'hex');
  }
}
