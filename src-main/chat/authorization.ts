// Who may give instructions. In Note-to-Self mode: only what the owner writes to themself (a
// sync transcript from the owner's account in the Note-to-Self conversation) — never what the
// owner writes to other people, never anyone else. In bot mode: only messages allowlisted
// accounts write to this account. In both modes, never what another instance of this app wrote
// (another computer linked to the same account: its replies arrive as the owner's own Note-to-Self
// transcripts, and answering them is how two computers loop). Everything else is dropped before
// it can reach a session.
import type { ChatMode } from '../shared/config.js';
import type { StoredEvent } from '../signal/receive/inbound-events.js';

export interface AuthorizationContext {
  readonly mode: ChatMode;
  readonly ownAci: string;
  /** Bot mode: ACIs (UUIDs) or E.164 numbers. */
  readonly allowlist: readonly string[];
  /** Bot mode: the E.164 number of a sender, when known, for allowlist entries written as numbers. */
  readonly numberOf?: (aci: string) => string | undefined;
}

export type AuthorizationResult =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'not-note-to-self' | 'not-owner' | 'not-allowlisted' | 'own-account' | 'another-instance' };

type Envelope = Pick<StoredEvent, 'source' | 'fromOwnAccount' | 'conversation' | 'instance'>;

export function authorize(event: Envelope, ctx: AuthorizationContext): AuthorizationResult {
  if (event.instance) return { allowed: false, reason: 'another-instance' };
  const own = ctx.ownAci.toLowerCase();
  const source = event.source.aci.toLowerCase();
  if (ctx.mode === 'note-to-self') {
    if (source !== own || !event.fromOwnAccount) return { allowed: false, reason: 'not-owner' };
    if (event.conversation.kind !== 'note-to-self') return { allowed: false, reason: 'not-note-to-self' };
    return { allowed: true };
  }
  // Bot mode: this computer is linked to the bot's account; the owner writes to it.
  if (event.fromOwnAccount || source === own) return { allowed: false, reason: 'own-account' };
  const number = ctx.numberOf?.(source);
  const allowed = ctx.allowlist.some((entry) => {
    const e = entry.trim().toLowerCase();
    // `number` may be undefined; an entry (a string) never equals it then.
    return e === source || e === number;
  });
  return allowed ? { allowed: true } : { allowed: false, reason: 'not-allowlisted' };
}
