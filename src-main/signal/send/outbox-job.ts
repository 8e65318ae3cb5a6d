// The sender job: takes due rows from the durable outbox, uploads their attachments (once),
// sends them, and records the outcome. Network trouble and rate limits are retried with backoff
// (or after the wait the server asked for) for as long as it takes; only messages that can never
// be delivered (unknown recipient, unusable payload) fail. Rows survive restarts.
import type { Clock, TimerHandle } from '../../shared/clock.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { OutboxRepo, OutboxRow } from '../../store/outbox-repo.js';
import type { SignalAttachmentRepo } from '../../store/signal-attachment-repo.js';
import { backoffDelay, SEND_BACKOFF } from '../connection/backoff.js';
import { SerialPasses } from './serial-passes.js';
import { AttachmentPointerWire } from '../receive/content-parser.js';
import { SignalError } from '../errors.js';
import { buildContent, OutboxPayloadSchema, type OutboxPayload } from './outgoing.js';
import type { ExpireTimer } from '../receive/conversation-timers.js';
import { decodeProto, encodeProto } from '../protocol/proto.js';
import type { MessageSender } from './sender.js';
import type { InstanceMark } from '../protocol/instance-mark.js';
import type { OutgoingAttachmentData } from '../attachments/attachments.js';
import type { AttachmentPointer } from '../receive/content-parser.js';

export interface OutboxJobOptions {
  readonly outbox: OutboxRepo;
  readonly attachments: SignalAttachmentRepo;
  readonly sender: MessageSender;
  readonly upload: (attachment: OutgoingAttachmentData) => Promise<AttachmentPointer>;
  readonly ownAci: string;
  readonly profileKey: Uint8Array | null;
  /** What every sent Content carries so other instances never take it for the owner's input. */
  readonly mark: () => InstanceMark;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random?: () => number;
  /** Whether sending can be tried now (connected). */
  readonly canSend: () => boolean;
  readonly onSent?: (row: OutboxRow) => void;
  readonly onFailed?: (row: OutboxRow, error: unknown) => void;
  /** A send failed and will be retried (e.g. waiting for a safety-number confirmation). */
  readonly onRetry?: (row: OutboxRow, error: unknown) => void;
  /** The conversation's disappearing-messages timer, sent with every message. */
  readonly timerFor?: (to: OutboxPayload['to']) => ExpireTimer | undefined;
}

/** Waiting for a changed safety number to be confirmed: look again now and then. */
const UNTRUSTED_RETRY_MS = 60_000;

export class OutboxJob {
  private stopped = true;
  private timer: TimerHandle | undefined;
  private readonly passes = new SerialPasses({ pass: () => this.pass(), active: () => !this.stopped, settled: () => this.scheduleNext() });

  constructor(private readonly options: OutboxJobOptions) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Sends whatever is due now (and again when it finishes, if kicked meanwhile). */
  kick(): void {
    this.passes.kick();
  }

  idle(): Promise<void> {
    return this.passes.idle();
  }

  private scheduleNext(): void {
    this.timer?.cancel();
    if (this.stopped) return;
    const next = this.options.outbox.nextDueAt();
    if (next === undefined) return;
    this.timer = this.options.clock.setTimeout(() => this.kick(), Math.max(0, next - this.options.clock.now()));
  }

  /** Sends what is due; true when more became due meanwhile. Offline, it waits for a kick. */
  private async pass(): Promise<boolean> {
    if (!this.options.canSend()) return false;
    for (const row of this.options.outbox.due()) {
      if (this.stopped || !this.options.canSend()) return false;
      await this.process(row);
    }
    return this.options.outbox.due(1).length > 0;
  }

  private async process(row: OutboxRow): Promise<void> {
    const { outbox, logger, clock } = this.options;
    if (row.expiresAt !== null && row.expiresAt < clock.now()) {
      outbox.markExpired(row.id);
      return;
    }
    try {
      const bodyExpiresAt = await this.send(row);
      outbox.markSent(row.id, bodyExpiresAt);
      this.options.onSent?.(row);
    } catch (error) {
      const code = error instanceof SignalError ? error.code : undefined;
      if (code === 'SIGNAL_RECIPIENT_UNKNOWN' || code === 'SIGNAL_MALFORMED' || code === 'SIGNAL_TOO_LARGE') {
        logger.warn({ mod: 'signal.outbox', id: row.id, err: error }, 'message cannot be delivered');
        outbox.markFailed(row.id, describeError(error));
        this.options.onFailed?.(row, error);
        return;
      }
      let wait: number;
      if (code === 'SIGNAL_RATE_LIMITED') wait = (error as SignalError).retryAfterMs ?? 60_000;
      else if (code === 'SIGNAL_UNTRUSTED_IDENTITY') wait = UNTRUSTED_RETRY_MS;
      else wait = backoffDelay(SEND_BACKOFF, row.attempts, this.options.random);
      logger.info({ mod: 'signal.outbox', id: row.id, waitMs: wait, err: error }, 'send failed; will retry');
      outbox.retryAt(row.id, clock.now() + wait, describeError(error));
      this.options.onRetry?.(row, error);
    }
  }

  /** Sends the row; returns when its stored body must go (the chat's disappearing-messages timer). */
  private async send(row: OutboxRow): Promise<number | undefined> {
    const parsed = OutboxPayloadSchema.safeParse(JSON.parse(row.payloadJson));
    if (!parsed.success) throw new SignalError('SIGNAL_MALFORMED', 'A stored outgoing message no longer parses.');
    const payload = parsed.data;
    const { sender, ownAci } = this.options;
    if (payload.typing && payload.to.kind === 'note-to-self') return undefined; // nobody to show it to
    const pointers = await this.pointers(payload);
    const destination = payload.to.kind === 'note-to-self' ? ownAci : payload.to.aci;
    const timer = this.options.timerFor?.(payload.to);
    const built = buildContent(payload, row.sentTimestamp, destination, pointers, this.options.profileKey, this.options.mark(), timer);
    const bodyExpiresAt = timer && timer.seconds > 0 ? row.sentTimestamp + timer.seconds * 1000 : undefined;

    if (payload.presence) {
      // To the own account only (every own device gets it); never urgent: nobody is woken.
      await sender.send(ownAci, built.content, row.sentTimestamp, { urgent: false });
      return undefined;
    }
    if (payload.typing) {
      await sender.send(destination, built.content, row.sentTimestamp, { online: true, urgent: false });
      return undefined;
    }
    if (payload.to.kind === 'note-to-self') {
      // notify: a normal message to the own account (the phone shows it in Note to Self and
      // notifies); otherwise a silent sync transcript.
      if (payload.notify) await sender.send(ownAci, built.content, row.sentTimestamp, { urgent: true, resendable: true });
      else if (built.sync) await sender.send(ownAci, built.sync, row.sentTimestamp, { urgent: false, resendable: true });
      return bodyExpiresAt;
    }
    if (!payload.recipientDone) {
      await sender.send(destination, built.content, row.sentTimestamp, { urgent: payload.notify, resendable: true });
      this.options.outbox.updatePayload(row.id, JSON.stringify({ ...payload, recipientDone: true } satisfies OutboxPayload));
    }
    if (built.sync) await sender.send(ownAci, built.sync, row.sentTimestamp, { urgent: false, resendable: true });
    return bodyExpiresAt;
  }

  /** Uploads attachments not uploaded yet; returns the pointers in order. */
  private async pointers(payload: OutboxPayload): Promise<Record<string, unknown>[]> {
    const { attachments } = this.options;
    const out: Record<string, unknown>[] = [];
    for (const id of payload.attachmentIds) {
      const row = attachments.get(id);
      if (!row) throw new SignalError('SIGNAL_MALFORMED', 'An outgoing attachment is missing.');
      if (!row.pointer) {
        const data = attachments.data(id);
        if (!data) throw new SignalError('SIGNAL_MALFORMED', 'An outgoing attachment has no data.');
        const pointer = await this.options.upload({ data, contentType: row.contentType, fileName: row.fileName ?? undefined });
        const encoded = encodeProto('AttachmentPointer', pointer);
        attachments.setPointer(id, encoded);
        out.push(pointer);
      } else {
        out.push(AttachmentPointerWire.parse(decodeProto('AttachmentPointer', row.pointer)));
      }
    }
    return out;
  }
}
