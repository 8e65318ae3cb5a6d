// Retry requests, both ways, as Signal Desktop handles them (ts/util/handleRetry.ts):
// - We could not decrypt a message: ask every device of the sender's account to send it again
//   (a DecryptionErrorMessage naming the device that sent it). When even that request cannot
//   go out, reset the session with that device instead (archive it and send a null message),
//   so the next message either way starts a session both sides can read.
// - A device could not decrypt one of ours: when it names this device, archive our session
//   with it if the failed message came from that session, and send the same content again from
//   the send log (same timestamp, so the phone files it as the same message); when the content
//   is no longer there, a null message starts the new session. At most five answers per message.
import { randomBytes } from 'node:crypto';
import { PublicKey } from '@signalapp/libsignal-client';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { SendLogRepo } from '../../store/send-log-repo.js';
import type { RetryRequest } from '../receive/content-parser.js';
import type { DecryptFailure } from '../receive/envelope-decrypt.js';
import { encodeProto } from '../protocol/proto.js';
import type { MessageSender } from './sender.js';

export interface RetryRequestsOptions {
  readonly sender: MessageSender;
  readonly sendLog: SendLogRepo;
  readonly account: { readonly aci: string; readonly deviceId: number };
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Answers per message timestamp; a device that keeps asking gets no more (Desktop's limit). */
const MAX_TRACKED = 1000;
const MAX_ANSWERS = 5;
/** At most one request to each sender device a minute: a burst of failures is one problem. */
const ASK_INTERVAL_MS = 60_000;

/** A message with nothing in it that official clients drop silently: it carries a new session. */
export function nullMessageContent(): Uint8Array {
  return encodeProto('Content', { nullMessage: { padding: randomBytes(16 + Math.floor(Math.random() * 64)) } });
}

export class RetryRequests {
  private readonly asked = new Map<string, number>();
  /** Answers per asked-for message (requester and timestamp); bounded, so requests with made-up timestamps cannot grow it. */
  private readonly answers = new Map<string, number>();
  /** What was done so far, for status and tests. */
  readonly counts = { asked: 0, reset: 0, resent: 0, nullMessages: 0 };

  constructor(private readonly options: RetryRequestsOptions) {}

  /** We could not decrypt `failure`: ask the sender to send it again, or reset the session. */
  async ask(failure: DecryptFailure): Promise<'asked' | 'reset' | 'skipped'> {
    const { sender, clock, logger } = this.options;
    const key = `${failure.sourceAci}.${failure.sourceDevice}`;
    const now = clock.now();
    if (now - (this.asked.get(key) ?? -Infinity) < ASK_INTERVAL_MS) return 'skipped';
    this.asked.set(key, now);
    try {
      await sender.sendRetryRequest(failure, now);
      logger.info({ mod: 'signal.retry' }, 'asked the sender to send an undecryptable message again');
      this.counts.asked++;
      return 'asked';
    } catch (error) {
      logger.warn({ mod: 'signal.retry', err: error }, 'could not ask the sender to resend; resetting the session instead');
    }
    await this.resetSession(failure.sourceAci, failure.sourceDevice);
    this.counts.reset++;
    return 'reset';
  }

  /** A device could not decrypt a message of ours and asks for it again. */
  async answer(request: RetryRequest): Promise<'resent' | 'null-message' | 'ignored'> {
    const { sender, sendLog, account, clock, logger } = this.options;
    // Sent to every device of our account; only the one that sent the message answers.
    if (request.senderDevice !== account.deviceId) return 'ignored';
    const key = `${request.requesterAci}:${request.sentAt}`;
    const count = (this.answers.get(key) ?? 0) + 1;
    this.answers.delete(key);
    this.answers.set(key, count); // re-inserted: the oldest entry is the first one
    if (this.answers.size > MAX_TRACKED) this.answers.delete(this.answers.keys().next().value as string);
    if (count > MAX_ANSWERS) {
      logger.warn({ mod: 'signal.retry', count }, 'a message was asked for too often; not sending it again');
      return 'ignored';
    }
    const ratchetKey = request.ratchetKey;
    // Only the session the failed message came from is broken; a newer one is left alone.
    const archived = ratchetKey
      ? await sender.archiveSession(request.requesterAci, request.requesterDevice, (session) => session.currentRatchetKeyMatches(PublicKey.deserialize(new Uint8Array(ratchetKey))))
      : false;
    const logged = sendLog.find(request.requesterAci, request.sentAt);
    if (logged) {
      await sender.send(request.requesterAci, logged.content, request.sentAt, { urgent: logged.urgent });
      logger.info({ mod: 'signal.retry', archived }, 'sent a message again that a device could not decrypt');
      this.counts.resent++;
      return 'resent';
    }
    if (!archived) return 'ignored'; // nothing to send, and the session is not the one that failed
    await sender.send(request.requesterAci, nullMessageContent(), clock.now(), { urgent: false });
    logger.info({ mod: 'signal.retry' }, 'a message asked for again is no longer kept; sent a null message on a new session');
    this.counts.nullMessages++;
    return 'null-message';
  }

  private async resetSession(aci: string, device: number): Promise<void> {
    const { sender, clock, logger } = this.options;
    try {
      await sender.archiveSession(aci, device);
      await sender.send(aci, nullMessageContent(), clock.now(), { urgent: false });
    } catch (error) {
      // The session stays archived: the next message to that account starts a new one.
      logger.warn({ mod: 'signal.retry', err: error }, 'could not send the null message of a session reset');
    }
  }
}
