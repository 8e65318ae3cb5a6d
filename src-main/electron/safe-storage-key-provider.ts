// The database key in the OS key store (Keychain, DPAPI, libsecret/kwallet) through Electron's
// safeStorage, passed in as a StringCipher so this file runs in plain Node tests. The key file
// holds only the cipher's output; without the user's OS login it is useless.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StoreError, systemErrorCode } from '../shared/errors.js';
import { FileKeyProvider, KEY_BYTES, type KeyProvider } from '../store/key-provider.js';

/** The part of Electron's safeStorage this needs. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store is in use ("basic_text" means none, just a fixed password). */
  getSelectedStorageBackend?(): string;
}

export const SAFE_KEY_FILE = 'db.key.safe';

export class SafeStorageKeyProvider implements KeyProvider {
  readonly path: string;
  readonly description: string;

  constructor(
    dataDir: string,
    private readonly cipher: StringCipher,
  ) {
    this.path = join(dataDir, SAFE_KEY_FILE);
    this.description = `the database key kept in the system key store (${this.path})`;
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  load({ create }: { create: boolean }): Buffer {
    if (!this.exists()) {
      if (!create) {
        throw new StoreError('KEY_UNAVAILABLE', `The database key ${this.path} is missing.`, {
          hint: 'Restore it from the same backup as the database, or move the data folder away to start over (you will need to link again).',
        });
      }
      const key = randomBytes(KEY_BYTES);
      try {
        writeFileSync(this.path, this.cipher.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        throw new StoreError('DATA_DIR_UNWRITABLE', `Cannot store the database key in ${this.path} (${systemErrorCode(error) ?? 'error'}).`, { cause: error });
      }
      return key;
    }
    let hex: string;
    try {
      hex = this.cipher.decryptString(readFileSync(this.path)).trim();
    } catch (error) {
      throw new StoreError('KEY_UNAVAILABLE', `The system key store cannot unlock the database key ${this.path}.`, {
        hint: 'Log in as the user who set up Signal Claude (the key store is per user), or unlock the key ring.',
        cause: error,
      });
    }
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new StoreError('KEY_UNAVAILABLE', `The database key ${this.path} is damaged.`, { hint: 'Restore it from the same backup as the database.' });
    return Buffer.from(hex, 'hex');
  }
}

/**
 * Which key box the app uses: a data folder first opened headless keeps its 0600 key file (so
 * both can open it); otherwise the OS key store when there is a real one; otherwise the file,
 * as headless does (Linux without a key ring, where safeStorage would only obfuscate).
 */
export function chooseKeyProvider(dataDir: string, cipher: StringCipher, platform: NodeJS.Platform = process.platform): KeyProvider {
  const file = new FileKeyProvider(dataDir);
  const safe = new SafeStorageKeyProvider(dataDir, cipher);
  if (safe.exists()) return safe;
  if (file.exists()) return file;
  const realStore = cipher.isEncryptionAvailable() && !(platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text');
  return realStore ? safe : file;
}
