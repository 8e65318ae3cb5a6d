// Incoming envelopes, one at a time, in the order the server sends them: decode, recognise one
// already stored, decrypt, parse, then store the message together with the protocol state the
// decryption advanced in ONE transaction, and only then acknowledge it to the server. A crash
// before the commit means the server delivers the envelope again (and the old protocol state
// decrypts it again); a crash after it means the inbox has the message and the repeat is
// recognised. Content that cannot be used is logged and acknowledged, never retried forever.
import { PublicKey } from '@signalapp/libsignal-client';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/database.js';
import type { InboxRepo } from '../store/inbox-repo.js';
import type { SignalAttachmentRepo } from '../store/signal-attachment-repo.js';
import type { IncomingEnvelope } from './chat-connection.js';
import { parseContent, type ParsedContent } from './content-parser.js';
import { decryptEnvelope, envelopeSource, type DecryptedEnvelope, type LocalAccount } from './envelope-decrypt.js';
import { LibErrorCode, libsignalCode, SignalError } from './errors.js';
import type { StoredEvent } from './inbound-events.js';
import { decodeProto } from './proto.js';
import type { ProtocolState } from './protocol-stores.js';
import { ENVELOPE_TYPES, EnvelopeSchema, type WireEnvelope } from './wire-schemas.js';

export interface ReceiverHooks {
  /** Test seam: runs after decryption, before anything is stored. */
  readonly afterDecrypt?: () => void;
  /** Test seam: runs after the commit, before the acknowledgement. */
  readonly afterCommit?: () => void;
}

export interface ReceiverOptions {
  readonly store: Store;
  readonly inbox: InboxRepo;
  readonly attachments: SignalAttachmentRepo;
  readonly protocol: ProtocolState;
  readonly account: LocalAccount;
  readonly trustRoots: readonly string[];
  readonly logger: Logger;
  readonly now: () => number;
  /** A message was stored; `ready` when the chat layer can have it now. */
  readonly onStored: (info: { inboxId: number; ready: boolean; held: boolean; attachments: number }) => void;
  readonly hooks?: ReceiverHooks;
}

export type ReceiveOutcome = 'stored' | 'duplicate' | 'ignored' | 'malformed' | 'undecryptable' | 'failed';

function guidOf(envelope: WireEnvelope): string | null {
  if (envelope.serverGuid) return envelope.serverGuid;
  if (envelope.serverGuidBinary?.byteLength === 16) return Buffer.from(envelope.serverGuidBinary).toString('hex');
  return null;
}

export class Receiver {
  private queue: IncomingEnvelope[] = [];
  private draining: Promise<void> | undefined;
  private readonly trustRoots: PublicKey[];
  /** Counts by outcome, for status and benchmarks. */
  readonly counts: Record<ReceiveOutcome, number> = { stored: 0, duplicate: 0, ignored: 0, malformed: 0, undecryptable: 0, failed: 0 };

  constructor(private readonly options: ReceiverOptions) {
    this.trustRoots = options.trustRoots.map((root) => PublicKey.deserialize(new Uint8Array(Buffer.from(root, 'base64'))));
  }

  /** Queues an envelope; they are handled strictly in arrival order. */
  push(envelope: IncomingEnvelope): void {
    this.queue.push(envelope);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once everything queued so far is handled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const outcome = await this.handle(next);
      this.counts[outcome]++;
    }
  }

  /** Handles one envelope; acknowledges it unless storing failed. */
  async handle(incoming: IncomingEnvelope): Promise<ReceiveOutcome> {
    const log = this.options.logger;
    let envelope: WireEnvelope;
    try {
      envelope = EnvelopeSchema.parse(decodeProto('Envelope', incoming.bytes));
    } catch (error) {
      log.warn({ mod: 'signal.receiver', err: error }, 'malformed envelope; dropped');
      incoming.ack();
      return 'malformed';
    }
    if (envelope.type === ENVELOPE_TYPES.SERVER_DELIVERY_RECEIPT) {
      incoming.ack();
      return 'ignored';
    }
    const guid = guidOf(envelope);
    const source = envelopeSource(envelope);
    if ((guid && this.options.inbox.hasGuid(guid)) || (source && envelope.clientTimestamp !== undefined && this.options.inbox.has(source.aci, source.device, envelope.clientTimestamp))) {
      incoming.ack();
      return 'duplicate';
    }
    let outcome: ReceiveOutcome;
    try {
      outcome = await this.options.protocol.run((state) => this.decryptAndStore(state, envelope, guid));
    } catch (error) {
      const code = libsignalCode(error);
      if (code === LibErrorCode.DuplicatedMessage) {
        incoming.ack();
        return 'duplicate';
      }
      if (error instanceof SignalError && error.code === 'SIGNAL_MALFORMED') {
        log.warn({ mod: 'signal.receiver', err: error }, 'malformed message; dropped');
        incoming.ack();
        return 'malformed';
      }
      if (code !== undefined || (error instanceof SignalError && error.code === 'SIGNAL_PROTOCOL')) {
        // Decrypting again will not help (the state that could have is gone or never existed).
        log.warn({ mod: 'signal.receiver', err: error, type: envelope.type }, 'could not decrypt a message; dropped');
        incoming.ack();
        return 'undecryptable';
      }
      // Storing failed (disk full, database closed): leave it unacknowledged so it comes again.
      log.error({ mod: 'signal.receiver', err: error }, 'could not store a message; it will be delivered again');
      return 'failed';
    }
    incoming.ack();
    return outcome;
  }

  private async decryptAndStore(state: ProtocolState, envelope: WireEnvelope, guid: string | null): Promise<ReceiveOutcome> {
    const { store, now } = this.options;
    const decrypted = await decryptEnvelope(envelope, state, this.options.account, this.trustRoots, now());
    this.options.hooks?.afterDecrypt?.();
    const receivedAt = now();
    let parsed: ParsedContent;
    try {
      parsed = parseContent(decrypted.content, {
        ownAci: this.options.account.aci,
        sourceAci: decrypted.sourceAci,
        sourceDevice: decrypted.sourceDevice,
        sentAt: decrypted.sentAt,
        receivedAt,
        sealed: decrypted.sealed,
      });
    } catch (error) {
      // The ratchet advanced even though the content is useless: keep the new state.
      store.transaction(() => state.commit());
      throw error;
    }
    const held = parsed.kind === 'event' && (state.identityChangedDuringOperation(decrypted.sourceAci) || state.repo.hasOpenIdentityChange(decrypted.sourceAci));
    const stored = store.transaction(() => {
      state.commit();
      return parsed.kind === 'event' ? this.insert(decrypted, parsed, guid, receivedAt, held) : undefined;
    });
    this.options.hooks?.afterCommit?.();
    if (parsed.kind === 'ignored') {
      this.options.logger.debug({ mod: 'signal.receiver', reason: parsed.reason }, 'ignored content');
      return 'ignored';
    }
    if (stored === undefined) return 'duplicate';
    const attachments = parsed.attachments.length;
    this.options.onStored({ inboxId: stored, ready: !held && attachments === 0, held, attachments });
    return 'stored';
  }

  private insert(decrypted: DecryptedEnvelope, parsed: Extract<ParsedContent, { kind: 'event' }>, guid: string | null, receivedAt: number, held: boolean): number | undefined {
    const { inbox, attachments } = this.options;
    const id = inbox.insert({
      sourceAci: decrypted.sourceAci,
      sourceDevice: decrypted.sourceDevice,
      sentAt: decrypted.sentAt,
      serverGuid: guid,
      receivedAt,
      type: parsed.event.type,
      eventJson: JSON.stringify(parsed.event),
      attachmentsPending: parsed.attachments.length,
      held,
    });
    if (id === undefined || parsed.attachments.length === 0) return id;
    const listed = parsed.attachments.map((a, position) => ({
      id: attachments.insert({ direction: 'in', ownerId: id, position, contentType: a.contentType, fileName: a.fileName, size: a.size, pointer: a.pointer, data: null }),
      contentType: a.contentType,
      ...(a.fileName ? { fileName: a.fileName } : {}),
      size: a.size,
      status: 'pending' as const,
    }));
    const event: StoredEvent = 'attachments' in parsed.event ? { ...parsed.event, attachments: listed } : parsed.event;
    inbox.setEvent(id, JSON.stringify(event));
    return id;
  }
}
