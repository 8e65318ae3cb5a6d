// Storing an outgoing message: validated, long text moved into a text attachment the way Signal's
// clients do it, attachment bytes stored next to it, all in one transaction (which may be the
// caller's own, so "handled the phone message" and "queued the reply" commit together).
import { SignalError } from '../errors.js';
import { LONG_TEXT_CONTENT_TYPE } from '../receive/content-parser.js';
import { clipBodyRanges } from '../receive/inbound-events.js';
import { MAX_INLINE_BODY_BYTES, OutgoingMessageSchema, truncateUtf8, type OutboxPayload, type OutgoingMessage } from './outgoing.js';
import type { Store } from '../../store/database.js';
import type { OutboxRepo } from '../../store/outbox-repo.js';
import type { SignalAttachmentRepo } from '../../store/signal-attachment-repo.js';

/** A typing indicator older than this is pointless: it is dropped instead of sent late. */
const TYPING_TTL_MS = 15_000;

export function enqueueOutgoing(store: Store, outbox: OutboxRepo, attachments: SignalAttachmentRepo, message: OutgoingMessage): { outboxId: number; timestamp: number } {
  const parsed = OutgoingMessageSchema.safeParse(message);
  if (!parsed.success) {
    throw new SignalError('SIGNAL_MALFORMED', `Cannot send this message: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  const m = parsed.data;
  const files = [...m.attachments];
  let body = m.body;
  let bodyRanges = m.bodyRanges;
  if (body !== undefined && Buffer.byteLength(body, 'utf8') > MAX_INLINE_BODY_BYTES) {
    files.unshift({ data: new Uint8Array(Buffer.from(body, 'utf8')), contentType: LONG_TEXT_CONTENT_TYPE });
    // The ranges stay those of the full text, as Signal Desktop sends them: the phone applies
    // them to the long text, and to the beginning shown before it arrives.
    bodyRanges = clipBodyRanges(bodyRanges, body.length);
    body = truncateUtf8(body, MAX_INLINE_BODY_BYTES);
  }
  const payload: OutboxPayload = {
    to: m.to,
    notify: m.notify,
    ...(body !== undefined ? { body } : {}),
    bodyRanges,
    ...(m.quote ? { quote: m.quote } : {}),
    ...(m.edit ? { edit: m.edit } : {}),
    ...(m.reaction ? { reaction: m.reaction } : {}),
    ...(m.delete ? { delete: m.delete } : {}),
    ...(m.typing ? { typing: m.typing } : {}),
    ...(m.presence ? { presence: true as const } : {}),
    attachmentIds: [],
    recipientDone: false,
  };
  const kind = m.presence ? 'presence' : m.typing ? 'typing' : m.reaction ? 'reaction' : m.delete ? 'delete' : m.edit ? 'edit' : 'message';
  return store.transaction(() => {
    const { id, sentTimestamp } = outbox.enqueue(kind, JSON.stringify(payload), m.typing ? { ttlMs: TYPING_TTL_MS } : m.ttlMs ? { ttlMs: m.ttlMs } : {});
    if (files.length) {
      const attachmentIds = files.map((file, position) =>
        attachments.insert({ direction: 'out', ownerId: id, position, contentType: file.contentType, fileName: file.fileName ?? null, size: file.data.byteLength, pointer: null, data: file.data }),
      );
      outbox.updatePayload(id, JSON.stringify({ ...payload, attachmentIds }));
    }
    return { outboxId: id, timestamp: sentTimestamp };
  });
}
