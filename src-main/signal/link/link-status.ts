// What the owner sees of this computer's link (SignalStatus and Pairing in shared/api.ts, part of
// the outside contract): the state, the linked account, the last error, the linking URL open now
// and how many safety-number changes wait for confirmation. SignalService moves these along and
// says when they changed; this keeps the two views of them in one place.
import type { Pairing, SignalState, SignalStatus } from '../../shared/api.js';
import type { SignalAccount } from '../../store/signal-account-repo.js';

export class LinkStatus {
  state: SignalState = 'unlinked';
  lastError: string | undefined;
  pairingUrl: { url: string; expiresAt: number } | undefined;
  /** Kept in memory so status() works without the database (and after it closed). */
  account: SignalAccount | undefined;
  identityChanges = 0;
  /** Events from other conversations dropped unstored since the app started. */
  droppedOtherConversations = 0;

  /** Moves to `state`, replacing the last error when one is given; true when the state changed. */
  moveTo(state: SignalState, error?: string): boolean {
    if (error !== undefined) this.lastError = error;
    const changed = this.state !== state;
    this.state = state;
    return changed;
  }

  status(): SignalStatus {
    const account = this.account;
    return {
      state: this.state,
      ...(account
        ? {
            account: {
              aci: account.aci,
              deviceId: account.deviceId,
              deviceName: account.deviceName,
              ...(account.number ? { numberHint: `+…${account.number.slice(-2)}` } : {}),
            },
          }
        : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      identityChanges: this.identityChanges,
      droppedOtherConversations: this.droppedOtherConversations,
    };
  }

  pairing(): Pairing {
    return {
      url: this.pairingUrl?.url ?? null,
      state: this.state,
      ...(this.pairingUrl ? { expiresAt: new Date(this.pairingUrl.expiresAt).toISOString() } : {}),
      ...(this.state === 'linking' || this.state === 'unlinked' ? (this.lastError ? { error: this.lastError } : {}) : {}),
    };
  }
}
