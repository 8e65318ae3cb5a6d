// What the composition root hands SignalService, and the events it emits (kept apart so the
// service file stays the room's readable face).
import type { Pairing, SignalStatus } from '../shared/api.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/database.js';
import type { OutboxRow } from '../store/outbox-repo.js';
import type { SessionTiming } from './linked-session.js';
import type { InstanceMarkDetails } from './protocol/instance-mark.js';
import type { StoredEvent } from './receive/inbound-events.js';
import type { ReceiverHooks } from './receive/receiver.js';
import type { SignalServerConfig } from './server-config.js';

export interface SignalServiceOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly serverConfig: SignalServerConfig;
  readonly deviceName: string;
  readonly clock?: Clock;
  /** Start linking by itself when no account is stored (default true). */
  readonly autoLink?: boolean;
  readonly userAgent?: string;
  readonly maxAttachmentBytes?: number;
  readonly timing?: SessionTiming & { readonly linkUrlMaxAgeMs?: number; readonly relinkDelayMs?: number };
  readonly receiverHooks?: ReceiverHooks;
  readonly random?: () => number;
  /**
   * Whether an event belongs to the conversation the app serves (Note to Self, or an allowed
   * account in bot mode). Others are decrypted but never stored, and counted in status().
   */
  readonly keepEvent?: (event: StoredEvent, ownAci: string) => boolean;
  /** What this computer's instance mark says besides its name (see protocol/instance-mark.ts). */
  readonly markDetails?: () => InstanceMarkDetails;
}

export type SignalServiceEvents = {
  status: [SignalStatus];
  pairing: [Pairing];
  inbound: [];
  sent: [OutboxRow];
  'send-failed': [OutboxRow, unknown];
  /** A peer's safety number changed (its messages are held, sends to it wait): tell the owner. */
  'identity-change': [Array<{ serviceId: string; detectedAt: number }>];
  /** The server no longer has these devices of the own account (unlinked from the phone). */
  'own-devices-gone': [readonly number[]];
};
