// Downloads the attachments of stored inbox messages after the envelope was acknowledged (so a
// slow CDN never holds up the socket), then makes the message ready for the chat layer. Works
// from the database: messages left half-fetched by a crash are picked up at the next start.
// Long-text attachments (text/x-signal-plain) replace the truncated body they stand for, and the
// body ranges (which the sender wrote for the full text) then apply to all of it.
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { InboxRepo, InboxRow } from '../../store/inbox-repo.js';
import type { SignalAttachmentRepo } from '../../store/signal-attachment-repo.js';
import { downloadAttachment, DEFAULT_MAX_ATTACHMENT_BYTES } from './attachments.js';
import { AttachmentPointerWire, LONG_TEXT_CONTENT_TYPE } from '../receive/content-parser.js';
import { describeError } from '../../shared/errors.js';
import { clipBodyRanges, StoredEventSchema, type InboundAttachment, type StoredEvent } from '../receive/inbound-events.js';
import { decodeProto } from '../protocol/proto.js';
import type { SignalServerConfig } from '../server-config.js';
import { SerialPasses } from '../send/serial-passes.js';

export interface AttachmentFetcherOptions {
  readonly store: Store;
  readonly inbox: InboxRepo;
  readonly attachments: SignalAttachmentRepo;
  readonly config: SignalServerConfig;
  readonly logger: Logger;
  readonly maxBytes?: number;
  /** A message's attachments are done; it is ready unless held. */
  readonly onDone: (inboxId: number, held: boolean) => void;
}

export class AttachmentFetcher {
  private stopped = false;
  private readonly passes = new SerialPasses({ pass: () => this.pass(), active: () => !this.stopped });

  constructor(private readonly options: AttachmentFetcherOptions) {}

  /** Fetches everything pending (again, if it is already running). */
  kick(): void {
    this.passes.kick();
  }

  idle(): Promise<void> {
    return this.passes.idle();
  }

  stop(): void {
    this.stopped = true;
  }

  private async pass(): Promise<boolean> {
    for (const row of this.options.inbox.awaitingAttachments()) {
      if (this.stopped) break;
      await this.fetchMessage(row);
    }
    return false;
  }

  private async fetchMessage(row: InboxRow): Promise<void> {
    const { attachments, logger } = this.options;
    for (const attachment of attachments.list('in', row.id)) {
      if (attachment.status !== 'pending') continue;
      try {
        const pointer = AttachmentPointerWire.parse(decodeProto('AttachmentPointer', attachment.pointer ?? new Uint8Array()));
        const data = await downloadAttachment(this.options.config, pointer, this.options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES);
        attachments.setData(attachment.id, data);
      } catch (error) {
        if (this.stopped) return;
        logger.warn({ mod: 'signal.attachments', err: error, inboxId: row.id }, 'attachment download failed');
        attachments.setFailed(attachment.id, describeError(error));
      }
    }
    const parsed = StoredEventSchema.safeParse(JSON.parse(row.eventJson));
    if (!parsed.success) {
      logger.error({ mod: 'signal.attachments', inboxId: row.id }, 'stored event no longer parses');
      return;
    }
    const event = this.withAttachments(parsed.data, row.id);
    this.options.store.transaction(() => this.options.inbox.attachmentsDone(row.id, JSON.stringify(event)));
    this.options.onDone(row.id, row.held);
  }

  private withAttachments(event: StoredEvent, inboxId: number): StoredEvent {
    if (!('attachments' in event)) return event;
    const rows = this.options.attachments.list('in', inboxId);
    let body = event.body;
    const listed: InboundAttachment[] = [];
    for (const row of rows) {
      if (row.contentType === LONG_TEXT_CONTENT_TYPE && row.status === 'ready') {
        // The full text of a long message; the body only held its beginning.
        body = Buffer.from(this.options.attachments.data(row.id) ?? new Uint8Array()).toString('utf8');
        continue;
      }
      listed.push({
        id: row.id,
        contentType: row.contentType,
        ...(row.fileName ? { fileName: row.fileName } : {}),
        size: row.size,
        status: row.status,
        ...(row.error ? { error: row.error } : {}),
      });
    }
    // The ranges were kept whole for the full text (see content-parser): cut to the body we have,
    // which is only the beginning when the long text could not be fetched.
    return { ...event, body, bodyRanges: clipBodyRanges(event.bodyRanges, body.length), attachments: listed };
  }
}
