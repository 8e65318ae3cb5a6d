// Whether Anthropic accepts the API key, learned from the status of every API response the
// workers report (the same reports the rate limiter reads): 401 or 403 means the key was
// rejected, any later success means it works again. A rejection belongs to the key that was
// current then, so a new key saved in the preferences is not called rejected before Anthropic
// has answered it, and the owner is told once per rejected key, not once per failed turn.
import { createHash } from 'node:crypto';

/** The statuses with which Anthropic refuses a key: authentication_error and permission_error. */
const REJECTED = new Set([401, 403]);

export interface KeyRejection {
  readonly status: number;
  readonly at: number;
}

export interface ApiKeyWatchOptions {
  /** The key the app uses now (undefined when none is set). */
  readonly currentKey: () => string | undefined;
  readonly now: () => number;
  /** The key went from working (or unknown) to rejected: once per rejected key. */
  readonly onRejected: (rejection: KeyRejection) => void;
}

export class ApiKeyWatch {
  private rejected: (KeyRejection & { readonly key: string }) | undefined;

  constructor(private readonly options: ApiKeyWatchOptions) {}

  /** The status of one API response (undefined when no response came: says nothing of the key). */
  report(status: number | undefined): void {
    if (status === undefined) return;
    if (REJECTED.has(status)) {
      const key = fingerprint(this.options.currentKey());
      if (this.rejected?.key === key) return;
      this.rejected = { status, at: this.options.now(), key };
      this.options.onRejected({ status, at: this.rejected.at });
    } else if (status < 400) {
      this.rejected = undefined;
    }
  }

  /** The rejection of the current key, if Anthropic refused it and has not accepted it since. */
  rejection(): KeyRejection | undefined {
    const r = this.rejected;
    return r && r.key === fingerprint(this.options.currentKey()) ? { status: r.status, at: r.at } : undefined;
  }
}

/** The key is compared by hash, so this object never holds a second copy of it. */
function fingerprint(key: string | undefined): string {
  return createHash('sha256').update(key ?? '').digest('hex');
}
