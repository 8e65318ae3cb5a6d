// Who may give instructions. In Note-to-Self mode: only what the owner writes to themself (a
// sync transcript from the owner's account whose destination is the owner's account) — never
// what the owner writes to other people, never anyone else. In bot mode: only direct messages
// from allowlisted accounts. Everything else is dropped before it can reach a session.
import type { ChatMode } from '../shared/config.js';
import type { InboundChatMessage } from './inbound.js';

export interface AuthorizationContext {
  readonly mode: ChatMode;
  readonly ownAci: string;
  /** Bot mode: ACIs (lower-case UUIDs) or E.164 numbers. */
  readonly allowlist: readonly string[];
}

export type AuthorizationResult =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'not-note-to-self' | 'not-owner' | 'not-allowlisted' | 'own-device-echo' };

export function authorize(message: InboundChatMessage, ctx: AuthorizationContext): AuthorizationResult {
  const own = ctx.ownAci.toLowerCase();
  const source = message.sourceAci.toLowerCase();
  if (ctx.mode === 'note-to-self') {
    if (source !== own) return { allowed: false, reason: 'not-owner' };
    if (message.kind !== 'sync-sent') return { allowed: false, reason: 'own-device-echo' };
    if (message.destinationAci?.toLowerCase() !== own) return { allowed: false, reason: 'not-note-to-self' };
    return { allowed: true };
  }
  if (message.kind !== 'direct') return { allowed: false, reason: 'not-note-to-self' };
  const allowed = ctx.allowlist.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === source || (message.sourceE164 !== undefined && e === message.sourceE164);
  });
  return allowed ? { allowed: true } : { allowed: false, reason: 'not-allowlisted' };
}
