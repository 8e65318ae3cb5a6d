// What the rest of the app asks to send, how it is stored in the outbox, and how it becomes the
// Content protobuf(s) on the wire: a DataMessage (or EditMessage) for the recipient, and a sync
// transcript (SyncMessage.Sent) that shows the message in the owner's Note to Self or chat
// history on their other devices without notifying them.
import { Aci, ServiceId } from '@signalapp/libsignal-client';
import { z } from 'zod';
import { BODY_STYLES, BodyRangeSchema, ConversationSchema, type BodyRange } from '../receive/inbound-events.js';
import { encodeProto } from '../protocol/proto.js';
import type { ExpireTimer } from '../receive/conversation-timers.js';
import { instanceMarkWire, type InstanceMark } from '../protocol/instance-mark.js';

export const OutgoingAttachmentSchema = z.object({
  data: z.instanceof(Uint8Array),
  contentType: z.string().min(1),
  fileName: z.string().optional(),
});

/** One message to send (validated at the service boundary). Exactly one of the content kinds. */
export const OutgoingMessageSchema = z
  .object({
    to: ConversationSchema,
    /**
     * Note to Self: true sends a normal message to the own account (the phone notifies), false a
     * sync transcript only (silent). Other accounts: whether the message is urgent (push).
     */
    notify: z.boolean().default(true),
    body: z.string().optional(),
    bodyRanges: z.array(BodyRangeSchema).default([]),
    quote: z.object({ targetSentAt: z.number().int(), authorAci: z.string(), text: z.string().optional() }).optional(),
    /** Replace the earlier message with this timestamp (Signal allows a limited number of edits). */
    edit: z.object({ targetSentAt: z.number().int() }).optional(),
    reaction: z.object({ emoji: z.string().min(1), remove: z.boolean().default(false), targetAuthorAci: z.string(), targetSentAt: z.number().int() }).optional(),
    delete: z.object({ targetSentAt: z.number().int() }).optional(),
    typing: z.enum(['started', 'stopped']).optional(),
    /**
     * Nothing for the owner: a NullMessage to the own account (official clients drop it
     * silently) whose instance mark tells the other computers this one is here and what it holds.
     */
    presence: z.literal(true).optional(),
    attachments: z.array(OutgoingAttachmentSchema).default([]),
    /** Dropped instead of sent late when it could not go out within this long (a notice that would be stale). */
    ttlMs: z.number().int().positive().optional(),
  })
  .refine((m) => [m.body !== undefined || m.attachments.length > 0, m.reaction, m.delete, m.typing, m.presence].filter(Boolean).length === 1, 'exactly one of body/attachments, reaction, delete, typing or presence')
  .refine((m) => !m.edit || m.body !== undefined, 'an edit needs a body');
export type OutgoingMessage = z.input<typeof OutgoingMessageSchema>;
export type ParsedOutgoing = z.output<typeof OutgoingMessageSchema>;

/** The stored form: attachments are rows in signal_attachments, referenced by id. */
export const OutboxPayloadSchema = z.object({
  to: ConversationSchema,
  notify: z.boolean(),
  body: z.string().optional(),
  bodyRanges: z.array(BodyRangeSchema),
  quote: z.object({ targetSentAt: z.number().int(), authorAci: z.string(), text: z.string().optional() }).optional(),
  edit: z.object({ targetSentAt: z.number().int() }).optional(),
  reaction: z.object({ emoji: z.string(), remove: z.boolean(), targetAuthorAci: z.string(), targetSentAt: z.number().int() }).optional(),
  delete: z.object({ targetSentAt: z.number().int() }).optional(),
  typing: z.enum(['started', 'stopped']).optional(),
  presence: z.literal(true).optional(),
  attachmentIds: z.array(z.number().int()),
  /** Set once the recipient has the message, so a retry only repeats the sync transcript. */
  recipientDone: z.boolean().default(false),
});
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;

/** Bodies longer than this (UTF-8 bytes) travel as a long-text attachment, like Signal's clients do. */
export const MAX_INLINE_BODY_BYTES = 2000;

/** The first `maxBytes` of a string, cut on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

function styleNumber(range: BodyRange): number | undefined {
  return range.style ? BODY_STYLES.indexOf(range.style) + 1 : undefined;
}

function aciString(aci: string): string {
  return Aci.parseFromServiceIdString(aci).getServiceIdString();
}

/**
 * An ACI field in the string form every client reads and the binary form newer ones prefer (what
 * Signal Desktop sends where the proto has both and they are not one oneof).
 */
function aciBoth<K extends string>(field: K, aci: string): Record<K, string> & Record<`${K}Binary`, Uint8Array> {
  const id = Aci.parseFromServiceIdString(aci);
  return { [field]: id.getServiceIdString(), [`${field}Binary`]: id.getRawUuidBytes() } as Record<K, string> & Record<`${K}Binary`, Uint8Array>;
}

export interface BuiltContent {
  /** What the recipient gets: a DataMessage, EditMessage or TypingMessage in a Content. */
  readonly content: Uint8Array;
  /** The sync transcript for the own account's other devices (none for typing). */
  readonly sync: Uint8Array | undefined;
}

/**
 * Builds the wire content. `destination` is the service id the message is for (the own ACI for
 * Note to Self); `attachmentPointers` are the encoded AttachmentPointer objects, in order. Every
 * Content carries `mark`, so other instances on the account never answer it (instance-mark.ts).
 */
export function buildContent(
  payload: OutboxPayload,
  timestamp: number,
  destination: string,
  attachmentPointers: readonly Record<string, unknown>[],
  profileKey: Uint8Array | null,
  mark: InstanceMark,
  timer?: ExpireTimer,
): BuiltContent {
  const signalClaudeInstance = instanceMarkWire(mark);
  if (payload.presence) return { content: encodeProto('Content', { nullMessage: {}, signalClaudeInstance }), sync: undefined };
  if (payload.typing) {
    return { content: encodeProto('Content', { typingMessage: { timestamp, action: payload.typing === 'started' ? 0 : 1 }, signalClaudeInstance }), sync: undefined };
  }
  const body = payload.body;
  const dataMessage: Record<string, unknown> = { timestamp };
  if (body !== undefined) dataMessage.body = body;
  const ranges = payload.bodyRanges
    .filter((r) => r.style || r.mentionAci)
    // A mention's ACI is one field of a oneof: the string form, which every client reads.
    .map((r) => ({ start: r.start, length: r.length, ...(r.style ? { style: styleNumber(r) } : { mentionAci: aciString(r.mentionAci ?? '') }) }));
  if (ranges.length) dataMessage.bodyRanges = ranges;
  if (attachmentPointers.length) dataMessage.attachments = attachmentPointers;
  if (payload.quote) {
    dataMessage.quote = { id: payload.quote.targetSentAt, ...aciBoth('authorAci', payload.quote.authorAci), ...(payload.quote.text ? { text: payload.quote.text } : {}), type: 0 };
  }
  if (payload.reaction) {
    dataMessage.reaction = {
      emoji: payload.reaction.emoji,
      remove: payload.reaction.remove,
      ...aciBoth('targetAuthorAci', payload.reaction.targetAuthorAci),
      targetSentTimestamp: payload.reaction.targetSentAt,
    };
  }
  if (payload.delete) dataMessage.delete = { targetSentTimestamp: payload.delete.targetSentAt };
  if (profileKey) dataMessage.profileKey = profileKey;
  // The conversation's timer on every message: a phone reads a message without it as "timer off".
  if (timer) Object.assign(dataMessage, { expireTimer: timer.seconds, expireTimerVersion: timer.version });

  const editMessage = payload.edit ? { targetSentTimestamp: payload.edit.targetSentAt, dataMessage } : undefined;
  const content = encodeProto('Content', { ...(editMessage ? { editMessage } : { dataMessage }), signalClaudeInstance });
  const destinationId = ServiceId.parseFromServiceIdString(destination);
  // Both forms, as Signal Desktop sends them: older clients read only the string.
  const destinationFields = { destinationServiceId: destinationId.getServiceIdString(), destinationServiceIdBinary: destinationId.getServiceIdBinary() };
  const sent: Record<string, unknown> = {
    ...destinationFields,
    timestamp,
    unidentifiedStatus: [{ ...destinationFields, unidentified: false }],
    isRecipientUpdate: false,
    ...(timer && timer.seconds > 0 ? { expirationStartTimestamp: timestamp } : {}),
    ...(editMessage ? { editMessage } : { message: dataMessage }),
  };
  return { content, sync: encodeProto('Content', { syncMessage: { sent }, signalClaudeInstance }) };
}
