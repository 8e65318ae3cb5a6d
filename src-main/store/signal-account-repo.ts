// The one Signal account this computer is linked as (a single row). Written once when linking
// completes; its state flips to 'unlinked-by-phone' when the server says the device is gone,
// so a restart shows the same state instead of reconnecting in a loop.
import type { Store } from './database.js';

export type IdentityKind = 'aci' | 'pni';
export type AccountLinkState = 'linked' | 'unlinked-by-phone';

export interface SignalAccount {
  readonly aci: string;
  readonly pni: string | null;
  readonly number: string | null;
  readonly deviceId: number;
  readonly deviceName: string;
  readonly password: string;
  readonly registrationId: number;
  readonly pniRegistrationId: number;
  readonly aciIdentityPrivate: Uint8Array;
  readonly pniIdentityPrivate: Uint8Array | null;
  readonly profileKey: Uint8Array | null;
  readonly masterKey: Uint8Array | null;
  readonly accountEntropyPool: string | null;
  readonly state: AccountLinkState;
  readonly stateReason: string | null;
  readonly linkedAt: number;
}

type AccountRow = {
  aci: string;
  pni: string | null;
  number: string | null;
  device_id: number;
  device_name: string;
  password: string;
  registration_id: number;
  pni_registration_id: number;
  aci_identity_private: Uint8Array<ArrayBuffer>;
  pni_identity_private: Uint8Array<ArrayBuffer> | null;
  profile_key: Uint8Array<ArrayBuffer> | null;
  master_key: Uint8Array<ArrayBuffer> | null;
  account_entropy_pool: string | null;
  state: AccountLinkState;
  state_reason: string | null;
  linked_at: number;
};

/** Every table that belongs to one link; cleared before linking again. */
const LINK_TABLES = [
  'signal_account', 'signal_key_ids', 'signal_sessions', 'signal_identities', 'signal_prekeys',
  'signal_signed_prekeys', 'signal_kyber_prekeys', 'signal_sender_keys', 'signal_identity_changes',
] as const;

export class SignalAccountRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  get(): SignalAccount | undefined {
    const row = this.store.db.prepare('SELECT * FROM signal_account WHERE id = 1').get<AccountRow>();
    if (!row) return undefined;
    return {
      aci: row.aci,
      pni: row.pni,
      number: row.number,
      deviceId: row.device_id,
      deviceName: row.device_name,
      password: row.password,
      registrationId: row.registration_id,
      pniRegistrationId: row.pni_registration_id,
      aciIdentityPrivate: row.aci_identity_private,
      pniIdentityPrivate: row.pni_identity_private,
      profileKey: row.profile_key,
      masterKey: row.master_key,
      accountEntropyPool: row.account_entropy_pool,
      state: row.state,
      stateReason: row.state_reason,
      linkedAt: row.linked_at,
    };
  }

  /** Stores a freshly linked account. Call inside the transaction that also stores its keys. */
  insert(account: Omit<SignalAccount, 'state' | 'stateReason' | 'linkedAt'>): void {
    const now = this.now();
    this.store.db
      .prepare(
        `INSERT INTO signal_account (id, aci, pni, number, device_id, device_name, password, registration_id,
           pni_registration_id, aci_identity_private, pni_identity_private, profile_key, master_key,
           account_entropy_pool, state, state_reason, linked_at, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'linked', NULL, ?, ?)`,
      )
      .run([
        account.aci, account.pni, account.number, account.deviceId, account.deviceName, account.password,
        account.registrationId, account.pniRegistrationId, blob(account.aciIdentityPrivate),
        nullableBlob(account.pniIdentityPrivate), nullableBlob(account.profileKey), nullableBlob(account.masterKey),
        account.accountEntropyPool, now, now,
      ]);
  }

  /** This computer's new name (renamed from the phone or the app). */
  setDeviceName(name: string): void {
    this.store.db.prepare('UPDATE signal_account SET device_name = ?, updated_at = ? WHERE id = 1').run([name, this.now()]);
  }

  /** The owner changed their number: the account's new PNI, number and PNI identity. */
  changePni(change: { pni: string; number: string | null; pniRegistrationId: number; pniIdentityPrivate: Uint8Array }): void {
    this.store.db
      .prepare('UPDATE signal_account SET pni = ?, number = coalesce(?, number), pni_registration_id = ?, pni_identity_private = ?, updated_at = ? WHERE id = 1')
      .run([change.pni, change.number, change.pniRegistrationId, blob(change.pniIdentityPrivate), this.now()]);
  }

  setState(state: AccountLinkState, reason: string | null): void {
    this.store.db.prepare('UPDATE signal_account SET state = ?, state_reason = ?, updated_at = ? WHERE id = 1').run([state, reason, this.now()]);
  }

  /**
   * Forgets the current link and all protocol state that belongs to it, before linking again.
   * Inbox history stays; outgoing messages that were never accepted are marked failed.
   */
  clearLink(): void {
    this.store.transaction(() => {
      for (const table of LINK_TABLES) this.store.db.exec(`DELETE FROM ${table}`);
      this.store.db
        .prepare("UPDATE signal_outbox SET status = 'failed', last_error = 'device was linked again' WHERE status = 'pending'")
        .run();
    });
  }
}

/** SQLite wants Uint8Array backed by a plain ArrayBuffer. */
export function blob(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function nullableBlob(bytes: Uint8Array | null): Uint8Array<ArrayBuffer> | null {
  return bytes ? blob(bytes) : null;
}
