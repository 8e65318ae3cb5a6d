// Incoming envelopes in the order the server sends them: decode, recognise one already stored,
// decrypt, parse, then store the messages together with the protocol state their decryption
// advanced in ONE transaction, and only then acknowledge them to the server. Envelopes that
// queued up while one was being handled are taken as a batch (one transaction for the lot, as
// Signal Desktop does). A crash before the commit means the server delivers them again (and the
// old protocol state decrypts them again); a crash after it means the inbox has them and the
// repeat is recognised. The acknowledgement waits for that commit's fsync (Store.syncWal, off the
// event loop, while the next batch is decrypted): a power cut after it cannot undo the commit.
// Content that cannot be used is logged and acknowledged, never retried. Content from another
// conversation (`keep` says no: not Note to Self, not an allowed account) is decrypted (the
// ratchet must advance) but never stored, so its attachments are never fetched; a batch of
// nothing else is acknowledged without waiting for an fsync.
import { Pni, PublicKey } from '@signalapp/libsignal-client';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { InboxRepo } from '../../store/inbox-repo.js';
import type { SignalAttachmentRepo } from '../../store/signal-attachment-repo.js';
import type { IncomingEnvelope } from '../connection/chat-connection.js';
import { parseContent, type ParsedContent, type PniChangeWire, type RetryRequest } from './content-parser.js';
import { DecryptFailure, decryptEnvelope, envelopeSource, type DecryptedEnvelope, type LocalAccount } from './envelope-decrypt.js';
import { LibErrorCode, libsignalCode, SignalError } from '../errors.js';
import type { StoredEvent } from './inbound-events.js';
import { SenderCertificateCheck } from './sender-certificates.js';
import type { ConversationTimers } from './conversation-timers.js';
import { decodeProto } from '../protocol/proto.js';
import type { ProtocolState } from '../protocol/protocol-stores.js';
import { ENVELOPE_TYPES, EnvelopeSchema, type WireEnvelope } from '../protocol/wire-schemas.js';
import { admitDownloads, DOWNLOADS_FULL } from '../attachments/download-bound.js';

export interface ReceiverHooks {
  /** Test seam: runs after each decryption, before anything is stored; a promise it returns is awaited. */
  readonly afterDecrypt?: () => void | Promise<void>;
  /** Test seam: runs once the commit is on disk (WAL fsync'd), before the acknowledgements. */
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
  /** Most envelopes stored in one transaction. */
  readonly maxBatch?: number;
  /** A message from a known sender could not be decrypted (after it was acknowledged). */
  readonly onUndecryptable?: (failure: DecryptFailure) => void;
  /**
   * A batch could not be stored and was left unacknowledged: the server delivers it again only
   * on a new connection.
   */
  readonly onStoreFailed?: () => void;
  /** A device asks for a message of ours again (after the request was acknowledged). */
  readonly onRetryRequest?: (request: RetryRequest) => void;
  /** Whether an event belongs to the conversation the app serves; default: every event. */
  readonly keep?: (event: StoredEvent) => boolean;
  /** `count` events from other conversations were dropped (after their acknowledgement). */
  readonly onForeign?: (count: number) => void;
  /**
   * The owner changed their number: `apply` stores the new PNI identity and keys inside the
   * receive transaction; `applied` runs after the acknowledgement (the session starts again on them).
   */
  readonly pniChange?: { apply: (pni: string, change: PniChangeWire) => void; applied: () => void };
  /** Where the disappearing-messages timers the phone sets are kept (with the messages). */
  readonly timers?: ConversationTimers;
}

export type ReceiveOutcome = 'stored' | 'duplicate' | 'ignored' | 'foreign' | 'malformed' | 'undecryptable' | 'failed';

/** One envelope on its way through a batch. */
interface Item {
  readonly incoming: IncomingEnvelope;
  outcome?: ReceiveOutcome;
  envelope?: WireEnvelope;
  guid?: string | null;
  /** The sender an unsealed envelope names (read once, for the repeat check and decryption). */
  source?: { aci: string; device: number } | undefined;
  decrypted?: DecryptedEnvelope;
  parsed?: ParsedContent;
  held?: boolean;
  inboxId?: number;
  /** Files of the stored message that wait for their download. */
  downloads?: number;
  /** A change of number whose new identity was stored (the session starts again on it). */
  pniChanged?: boolean;
  failure?: DecryptFailure;
}

/** The new PNI a change-number envelope carries. */
function updatedPni(envelope: WireEnvelope | undefined): string | undefined {
  try {
    if (envelope?.updatedPniBinary?.byteLength === 16) return Pni.fromUuidBytes(envelope.updatedPniBinary).getServiceIdString();
    if (envelope?.updatedPni) return Pni.parseFromServiceIdString(envelope.updatedPni.startsWith('PNI:') ? envelope.updatedPni : `PNI:${envelope.updatedPni}`).getServiceIdString();
  } catch {
    return undefined;
  }
  return undefined;
}

function guidOf(envelope: WireEnvelope): string | null {
  if (envelope.serverGuid) return envelope.serverGuid;
  if (envelope.serverGuidBinary?.byteLength === 16) return Buffer.from(envelope.serverGuidBinary).toString('hex');
  return null;
}

export class Receiver {
  private queue: IncomingEnvelope[] = [];
  private draining: Promise<void> | undefined;
  private readonly certificates: SenderCertificateCheck;
  /** Counts by outcome, for status and benchmarks. */
  readonly counts: Record<ReceiveOutcome, number> = { stored: 0, duplicate: 0, ignored: 0, foreign: 0, malformed: 0, undecryptable: 0, failed: 0 };

  constructor(private readonly options: ReceiverOptions) {
    this.certificates = new SenderCertificateCheck(options.trustRoots.map((root) => PublicKey.deserialize(new Uint8Array(Buffer.from(root, 'base64')))));
  }

  /** Queues an envelope; they are handled strictly in arrival order. */
  push(envelope: IncomingEnvelope): void {
    this.queue.push(envelope);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Envelopes that arrived and wait for a batch. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once everything queued so far is handled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Batches overlap: while one waits for its commit to reach the disk, the next is decrypted
    // and committed. Each batch is finished (acknowledged, announced) in order.
    while (this.queue.length > 0) {
      let finishing: Promise<void> = Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 100).map((incoming): Item => ({ incoming }));
        const { synced } = await this.storeBatch(batch);
        const previous = finishing;
        finishing = (async () => {
          await previous;
          await this.finishBatch(batch, synced);
          for (const item of batch) this.counts[item.outcome ?? 'failed']++;
        })();
      }
      // What arrived during the last wait is taken by the outer loop.
      await finishing;
    }
  }

  /** Decrypts and commits a batch; `synced` resolves once that commit is on disk. */
  private async storeBatch(items: Item[]): Promise<{ synced: Promise<void> }> {
    const done = { synced: Promise.resolve() };
    // The batch's duplicate checks share one read transaction: each lookup on its own took and
    // released the database's locks, which cost three times the lookup itself (~10 µs against
    // ~3 µs an envelope, measured on the encrypted store in WAL mode).
    let pending: Item[] = items;
    try {
      pending = this.options.store.transaction(() => items.filter((item) => this.precheck(item)));
      if (pending.length === 0) return done;
      await this.options.protocol.run((state) => this.decryptAndStore(state, pending));
    } catch (error) {
      // The database failed (disk full or unreadable, closed): leave them unacknowledged so they come again.
      this.fail(pending, error);
      return done;
    }
    // Only what the chat layer will read must survive a power cut once acknowledged. Content of
    // other conversations is dropped anyway; if a power cut loses the ratchet step its decryption
    // made, the sender's next message still decrypts (the chain is derived forward again), and a
    // lost new session ends in a retry request like any undecryptable message.
    if (!pending.some((item) => item.decrypted && item.outcome !== 'foreign')) return done;
    return { synced: this.options.store.syncWal().catch((error: unknown) => this.fail(pending, error)) };
  }

  private fail(items: Item[], error: unknown): void {
    this.options.timers?.forget(); // a timer it wrote may have been rolled back
    this.options.logger.error({ mod: 'signal.receiver', err: error, count: items.length }, 'could not store messages; they will be delivered again');
    for (const item of items) item.outcome = 'failed';
    this.options.onStoreFailed?.();
  }

  private async finishBatch(items: Item[], synced: Promise<void>): Promise<void> {
    await synced;
    this.options.hooks?.afterCommit?.();
    for (const item of items) {
      if (item.outcome !== 'failed') item.incoming.ack();
    }
    if (items.some((item) => item.pniChanged && item.outcome === 'ignored')) this.options.pniChange?.applied();
    for (const item of items) {
      if (item.failure) this.options.onUndecryptable?.(item.failure);
      if (item.outcome === 'ignored' && item.parsed?.kind === 'retry-request') this.options.onRetryRequest?.(item.parsed.request);
    }
    const foreign = items.filter((item) => item.outcome === 'foreign').length;
    if (foreign > 0) {
      this.options.logger.debug({ mod: 'signal.receiver', count: foreign }, 'messages of another conversation dropped, not stored');
      this.options.onForeign?.(foreign);
    }
    for (const item of items) {
      if (item.outcome !== 'stored' || item.inboxId === undefined || item.parsed?.kind !== 'event') continue;
      const attachments = item.downloads ?? 0;
      this.options.onStored({ inboxId: item.inboxId, ready: !item.held && attachments === 0, held: item.held ?? false, attachments });
    }
  }

  /** Decodes the envelope and settles what needs no decryption; true when it must be decrypted. */
  private precheck(item: Item): boolean {
    let envelope: WireEnvelope;
    try {
      envelope = EnvelopeSchema.parse(decodeProto('Envelope', item.incoming.bytes));
    } catch (error) {
      this.options.logger.warn({ mod: 'signal.receiver', err: error }, 'malformed envelope; dropped');
      item.outcome = 'malformed';
      return false;
    }
    if (envelope.type === ENVELOPE_TYPES.SERVER_DELIVERY_RECEIPT) {
      item.outcome = 'ignored';
      return false;
    }
    const guid = guidOf(envelope);
    const source = envelopeSource(envelope);
    const { inbox } = this.options;
    const sent = source && envelope.clientTimestamp !== undefined ? { aci: source.aci, device: source.device, sentAt: envelope.clientTimestamp } : undefined;
    if (inbox.seen(guid, sent)) {
      item.outcome = 'duplicate';
      return false;
    }
    item.envelope = envelope;
    item.guid = guid;
    item.source = source;
    return true;
  }

  private async decryptAndStore(state: ProtocolState, items: Item[]): Promise<void> {
    const { store, now, logger } = this.options;
    for (const item of items) {
      const envelope = item.envelope;
      if (!envelope) continue;
      try {
        item.decrypted = await decryptEnvelope(envelope, state, this.options.account, this.certificates, now(), item.source);
      } catch (error) {
        // A store's database read failed inside libsignal, which reports it as its own error: the
        // message may be fine and the disk is not. The whole batch stays unacknowledged.
        const storage = state.takeStorageFailure();
        if (storage) throw storage.error;
        item.outcome = this.classifyDecryptFailure(error, envelope);
        if (error instanceof DecryptFailure) item.failure = error;
        continue;
      }
      const held = this.options.hooks?.afterDecrypt?.();
      if (held) await held;
      try {
        item.parsed = parseContent(item.decrypted.content, {
          ownAci: this.options.account.aci,
          sourceAci: item.decrypted.sourceAci,
          sourceDevice: item.decrypted.sourceDevice,
          sentAt: item.decrypted.sentAt,
          receivedAt: now(),
          sealed: item.decrypted.sealed,
        });
      } catch (error) {
        // The ratchet advanced even though the content is useless: its new state is kept.
        logger.warn({ mod: 'signal.receiver', err: error }, 'malformed message; dropped');
        item.outcome = 'malformed';
        continue;
      }
      if (item.parsed.kind === 'event' && this.options.keep && !this.options.keep(item.parsed.event)) {
        item.outcome = 'foreign'; // its protocol state is still committed below
        continue;
      }
      const source = item.decrypted.sourceAci;
      item.held = item.parsed.kind === 'event' && (state.identityChangedDuringOperation(source) || state.repo.hasOpenIdentityChange(source));
    }
    // Committed at NORMAL; the acknowledgement waits for the WAL fsync (storeBatch), since it
    // makes the server delete these envelopes and a power cut after it must not undo the commit.
    store.transaction(() => {
      state.commit();
      for (const item of items) {
        const timer = item.parsed?.timer;
        // Note to Self's timer from any message of the owner's; another chat's only from a kept one.
        if (timer && item.outcome !== 'foreign' && (timer.conversation.kind === 'note-to-self' || item.parsed?.kind === 'event')) this.options.timers?.observe(timer);
        if (item.outcome || !item.decrypted || !item.parsed) continue;
        if (item.parsed.kind === 'ignored') {
          logger.debug({ mod: 'signal.receiver', reason: item.parsed.reason }, 'ignored content');
          item.outcome = 'ignored';
          continue;
        }
        if (item.parsed.kind === 'retry-request') {
          item.outcome = 'ignored'; // nothing to store: answered after the acknowledgement
          continue;
        }
        if (item.parsed.kind === 'pni-change') {
          const pni = updatedPni(item.envelope);
          if (!pni || !this.options.pniChange) logger.warn({ mod: 'signal.receiver' }, 'a change of number without the new PNI; ignored');
          else {
            this.options.pniChange.apply(pni, item.parsed.change); // with the message's own commit
            item.pniChanged = true;
          }
          item.outcome = 'ignored';
          continue;
        }
        const stored = this.insert(item.decrypted, item.parsed, item.guid ?? null, item.held ?? false);
        item.inboxId = stored?.id;
        item.downloads = stored?.downloads;
        item.outcome = stored === undefined ? 'duplicate' : 'stored';
      }
    });
  }

  private classifyDecryptFailure(error: unknown, envelope: WireEnvelope): ReceiveOutcome {
    const code = libsignalCode(error);
    if (code === LibErrorCode.DuplicatedMessage) return 'duplicate';
    if (error instanceof SignalError && error.code === 'SIGNAL_MALFORMED') {
      this.options.logger.warn({ mod: 'signal.receiver', err: error }, 'malformed message; dropped');
      return 'malformed';
    }
    if (code !== undefined || error instanceof DecryptFailure || (error instanceof SignalError && error.code === 'SIGNAL_PROTOCOL')) {
      // Decrypting again will not help (the state that could have is gone or never existed).
      this.options.logger.warn({ mod: 'signal.receiver', err: error, type: envelope.type }, 'could not decrypt a message; dropped');
      return 'undecryptable';
    }
    throw error;
  }

  private insert(decrypted: DecryptedEnvelope, parsed: Extract<ParsedContent, { kind: 'event' }>, guid: string | null, held: boolean): { id: number; downloads: number } | undefined {
    const { inbox, attachments } = this.options;
    const admitted = parsed.attachments.length > 0 ? admitDownloads(parsed.attachments, attachments.waitingDownloads()) : [];
    const downloads = admitted.filter(Boolean).length;
    // Disappearing messages: the body goes when the chat's timer (as of this message) runs out.
    const timer = this.options.timers?.get(parsed.event.conversation);
    const id = inbox.insert({
      sourceAci: decrypted.sourceAci,
      sourceDevice: decrypted.sourceDevice,
      sentAt: decrypted.sentAt,
      serverGuid: guid,
      receivedAt: parsed.event.receivedAt,
      type: parsed.event.type,
      eventJson: JSON.stringify(parsed.event),
      attachmentsPending: downloads,
      held,
      ...(timer && timer.seconds > 0 ? { bodyExpiresAt: parsed.event.receivedAt + timer.seconds * 1000 } : {}),
    });
    if (id === undefined) return undefined;
    if (parsed.attachments.length === 0) return { id, downloads };
    const listed = parsed.attachments.map((a, position) => {
      const row = attachments.insert({ direction: 'in', ownerId: id, position, contentType: a.contentType, fileName: a.fileName, size: a.size, pointer: a.pointer, data: null });
      const file = { id: row, contentType: a.contentType, ...(a.fileName ? { fileName: a.fileName } : {}), size: a.size };
      if (admitted[position]) return { ...file, status: 'pending' as const };
      attachments.setFailed(row, DOWNLOADS_FULL);
      return { ...file, status: 'failed' as const, error: DOWNLOADS_FULL };
    });
    const event: StoredEvent = 'attachments' in parsed.event ? { ...parsed.event, attachments: listed } : parsed.event;
    inbox.setEvent(id, JSON.stringify(event));
    return { id, downloads };
  }
}
