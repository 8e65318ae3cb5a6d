// From decrypted Content bytes to a typed event (or a reason to ignore it). Everything here came
// from the network: the protobuf is decoded and then checked by zod before it is used. Typing
// indicators, receipts, calls, stories, group messages and anything unknown are ignored; a
// retry request (a device could not decrypt one of ours) is its own kind; content that does not parse is reported as malformed (the receiver logs it, acknowledges it and moves on).
import { Aci, DecryptionErrorMessage, ServiceId } from '@signalapp/libsignal-client';
import { z } from 'zod';
import { SignalError } from '../errors.js';
import { BODY_STYLES, type BodyRange, type Conversation, type StoredEvent } from './inbound-events.js';
import type { TimerObservation } from './conversation-timers.js';
import { decodeProto, encodeProto } from '../protocol/proto.js';
import { Bytes, U64 } from '../protocol/wire-schemas.js';
import { InstanceMarkWire, readInstanceMark } from '../protocol/instance-mark.js';
import { serviceIdStringFromBinary } from '../protocol/service-ids.js';

export const LONG_TEXT_CONTENT_TYPE = 'text/x-signal-plain';

const BodyRangeWire = z.object({
  start: z.number().int().min(0).optional(),
  length: z.number().int().min(0).optional(),
  mentionAci: z.string().optional(),
  mentionAciBinary: Bytes.optional(),
  style: z.number().int().optional(),
});

export const AttachmentPointerWire = z.object({
  cdnId: U64.optional(),
  cdnKey: z.string().optional(),
  cdnNumber: z.number().int().optional(),
  contentType: z.string().optional(),
  key: Bytes.optional(),
  size: z.number().int().min(0).optional(),
  digest: Bytes.optional(),
  incrementalMac: Bytes.optional(),
  chunkSize: z.number().int().optional(),
  fileName: z.string().optional(),
  flags: z.number().int().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  caption: z.string().optional(),
  uploadTimestamp: U64.optional(),
});
export type AttachmentPointer = z.infer<typeof AttachmentPointerWire>;

const DataMessageWire = z.object({
  body: z.string().optional(),
  attachments: z.array(AttachmentPointerWire).default([]),
  groupV2: Bytes.optional(),
  flags: z.number().int().optional(),
  expireTimer: z.number().int().min(0).optional(),
  expireTimerVersion: z.number().int().min(0).optional(),
  timestamp: U64.optional(),
  quote: z
    .object({
      id: U64.optional(),
      authorAci: z.string().optional(),
      authorAciBinary: Bytes.optional(),
      text: z.string().optional(),
    })
    .optional(),
  reaction: z
    .object({
      emoji: z.string().optional(),
      remove: z.boolean().optional(),
      targetAuthorAci: z.string().optional(),
      targetAuthorAciBinary: Bytes.optional(),
      targetSentTimestamp: U64.optional(),
    })
    .optional(),
  delete: z.object({ targetSentTimestamp: U64.optional() }).optional(),
  bodyRanges: z.array(BodyRangeWire).default([]),
});
type DataMessageWire = z.infer<typeof DataMessageWire>;

const EditMessageWire = z.object({ targetSentTimestamp: U64.optional(), dataMessage: DataMessageWire.optional() });

const ContentWire = z.object({
  dataMessage: DataMessageWire.optional(),
  syncMessage: z
    .object({
      sent: z
        .object({
          destinationServiceId: z.string().optional(),
          destinationServiceIdBinary: Bytes.optional(),
          timestamp: U64.optional(),
          message: DataMessageWire.optional(),
          editMessage: EditMessageWire.optional(),
        })
        .optional(),
      pniChangeNumber: z
        .object({ identityKeyPair: Bytes, signedPreKey: Bytes, lastResortKyberPreKey: Bytes, registrationId: z.number().int(), newE164: z.string().optional() })
        .optional(),
    })
    .optional(),
  editMessage: EditMessageWire.optional(),
  typingMessage: z.unknown().optional(),
  receiptMessage: z.unknown().optional(),
  nullMessage: z.unknown().optional(),
  callMessage: z.unknown().optional(),
  storyMessage: z.unknown().optional(),
  decryptionErrorMessage: Bytes.optional(),
  signalClaudeInstance: InstanceMarkWire.optional(),
});

export interface IncomingAttachment {
  readonly contentType: string;
  readonly fileName: string | null;
  readonly size: number;
  /** The AttachmentPointer, re-encoded, for the downloader. */
  readonly pointer: Uint8Array;
  readonly longText: boolean;
}

/** A device could not decrypt a message we sent it (a DecryptionErrorMessage) and asks for it again. */
export interface RetryRequest {
  readonly requesterAci: string;
  readonly requesterDevice: number;
  /** The timestamp of the message it could not decrypt. */
  readonly sentAt: number;
  /** Which of our account's devices sent that message (only that one answers). */
  readonly senderDevice: number;
  /** The ratchet key of the failed message: our session is archived only when it matches. */
  readonly ratchetKey: Uint8Array | undefined;
}

/** A change-number sync message: the new PNI identity key pair and its first keys (serialized records). */
export interface PniChangeWire {
  readonly identityKeyPair: Uint8Array;
  readonly signedPreKey: Uint8Array;
  readonly lastResortKyberPreKey: Uint8Array;
  readonly registrationId: number;
  readonly newE164?: string | undefined;
}

export type ParsedContent = (
  | { readonly kind: 'event'; readonly event: StoredEvent; readonly attachments: readonly IncomingAttachment[] }
  | { readonly kind: 'retry-request'; readonly request: RetryRequest }
  | { readonly kind: 'pni-change'; readonly change: PniChangeWire }
  | { readonly kind: 'ignored'; readonly reason: string }
) & {
  /** The conversation's disappearing-messages timer as this message set it (see conversation-timers.ts). */
  readonly timer?: TimerObservation;
};

/** A normal message or a timer update states its conversation's timer; reactions and deletes do not. */
function timerOf(message: DataMessageWire, conversation: Conversation): TimerObservation | undefined {
  if (message.reaction || message.delete || message.groupV2) return undefined;
  return { conversation, seconds: message.expireTimer ?? 0, version: message.expireTimerVersion };
}

function withTimer(parsed: ParsedContent, timer: TimerObservation | undefined): ParsedContent {
  return timer ? { timer, ...parsed } : parsed;
}

export interface ParseContext {
  readonly ownAci: string;
  readonly sourceAci: string;
  readonly sourceDevice: number;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly sealed: boolean;
}

function aciFrom(binary: Uint8Array | undefined, text: string | undefined): string | undefined {
  try {
    if (binary?.byteLength === 16) return Aci.fromUuidBytes(binary).getServiceIdString();
    if (text) return Aci.parseFromServiceIdString(text).getServiceIdString();
  } catch {
    return undefined;
  }
  return undefined;
}

function serviceIdFrom(binary: Uint8Array | undefined, text: string | undefined): string | undefined {
  try {
    if (binary) return serviceIdStringFromBinary(binary);
    if (text) return ServiceId.parseFromServiceIdString(text).getServiceIdString();
  } catch {
    return undefined;
  }
  return undefined;
}

function bodyRanges(ranges: DataMessageWire['bodyRanges'], bodyLength: number): BodyRange[] {
  const out: BodyRange[] = [];
  for (const r of ranges) {
    const start = r.start ?? 0;
    const length = Math.min(r.length ?? 0, Math.max(0, bodyLength - start));
    if (start > bodyLength) continue;
    const style = r.style !== undefined && r.style >= 1 && r.style <= BODY_STYLES.length ? BODY_STYLES[r.style - 1] : undefined;
    const mentionAci = aciFrom(r.mentionAciBinary, r.mentionAci);
    if (!style && !mentionAci) continue;
    out.push({ start, length, ...(style ? { style } : {}), ...(mentionAci ? { mentionAci } : {}) });
  }
  return out;
}

/**
 * How far the body ranges may reach: with a long-text attachment they are the full text's (as
 * Signal's clients send them), so they are kept whole until that text replaces the body.
 */
function rangeLength(body: string, incoming: readonly IncomingAttachment[]): number {
  return incoming.some((a) => a.longText) ? Number.MAX_SAFE_INTEGER : body.length;
}

function attachments(message: DataMessageWire): IncomingAttachment[] {
  return message.attachments.map((pointer) => ({
    contentType: pointer.contentType ?? 'application/octet-stream',
    fileName: pointer.fileName ?? null,
    size: pointer.size ?? 0,
    pointer: encodeProto('AttachmentPointer', pointer),
    longText: pointer.contentType === LONG_TEXT_CONTENT_TYPE,
  }));
}

/** The event for one DataMessage, or why it is not one we act on. */
// The events below name their own properties first and spread `common` last: on Node 20's V8 a
// literal that spreads an object and then adds properties costs 2-19 µs (every added property
// misses its inline cache), about 0.2 µs the other way round, and this runs for every message.
// `common` never holds a key the event names itself.
function fromDataMessage(message: DataMessageWire, common: Omit<StoredEvent, 'type'> & Record<string, unknown>): ParsedContent {
  if (message.groupV2) return { kind: 'ignored', reason: 'group message' };
  if (message.reaction) {
    const { emoji, remove, targetSentTimestamp } = message.reaction;
    const targetAuthorAci = aciFrom(message.reaction.targetAuthorAciBinary, message.reaction.targetAuthorAci);
    if (!emoji || targetSentTimestamp === undefined || !targetAuthorAci) throw new SignalError('SIGNAL_MALFORMED', 'A reaction without emoji or target.');
    return { kind: 'event', event: { type: 'reaction', emoji, remove: remove ?? false, targetAuthorAci, targetSentAt: targetSentTimestamp, ...common }, attachments: [] };
  }
  if (message.delete) {
    const target = message.delete.targetSentTimestamp;
    if (target === undefined) throw new SignalError('SIGNAL_MALFORMED', 'A delete without target.');
    return { kind: 'event', event: { type: 'delete', targetSentAt: target, ...common }, attachments: [] };
  }
  const body = message.body ?? '';
  const incoming = attachments(message);
  if (body === '' && incoming.length === 0) return { kind: 'ignored', reason: message.flags ? 'control message' : 'empty message' };
  const rangesOver = rangeLength(body, incoming);
  const quote = message.quote?.id !== undefined
    ? { targetSentAt: message.quote.id, ...optional('authorAci', aciFrom(message.quote.authorAciBinary, message.quote.authorAci)), ...optional('text', message.quote.text) }
    : undefined;
  return {
    kind: 'event',
    event: { type: 'message', body, bodyRanges: bodyRanges(message.bodyRanges, rangesOver), attachments: [], ...(quote ? { quote } : {}), ...common },
    attachments: incoming,
  };
}

function fromEdit(edit: z.infer<typeof EditMessageWire>, common: Omit<StoredEvent, 'type'> & Record<string, unknown>): ParsedContent {
  const message = edit.dataMessage;
  if (edit.targetSentTimestamp === undefined || !message) throw new SignalError('SIGNAL_MALFORMED', 'An edit without target or new text.');
  if (message.groupV2) return { kind: 'ignored', reason: 'group message' };
  const body = message.body ?? '';
  const incoming = attachments(message);
  return {
    kind: 'event',
    event: { type: 'edit', targetSentAt: edit.targetSentTimestamp, body, bodyRanges: bodyRanges(message.bodyRanges, rangeLength(body, incoming)), attachments: [], ...common },
    attachments: incoming,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function retryRequest(bytes: Uint8Array, ctx: ParseContext): RetryRequest {
  let message: DecryptionErrorMessage;
  try {
    message = DecryptionErrorMessage.deserialize(new Uint8Array(bytes));
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', 'A retry request that does not parse.', { cause: error });
  }
  return { requesterAci: ctx.sourceAci, requesterDevice: ctx.sourceDevice, sentAt: message.timestamp(), senderDevice: message.deviceId(), ratchetKey: message.ratchetKey()?.serialize() };
}

export function parseContent(bytes: Uint8Array, ctx: ParseContext): ParsedContent {
  let decoded: unknown;
  try {
    decoded = decodeProto('Content', bytes);
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', 'The message content is not valid protobuf.', { cause: error });
  }
  const parsed = ContentWire.safeParse(decoded);
  if (!parsed.success) throw new SignalError('SIGNAL_MALFORMED', `The message content has unexpected fields (${parsed.error.issues[0]?.path.join('.') ?? '?'}).`);
  const content = parsed.data;
  const fromOwnAccount = ctx.sourceAci === ctx.ownAci;
  // Written by another instance of this app: stored like any message (so the chat layer learns
  // about that computer) but marked, and never taken for the owner's input.
  const instance = content.signalClaudeInstance ? readInstanceMark(content.signalClaudeInstance) : undefined;
  const base = (conversation: Conversation, sentAt: number) => ({
    source: { aci: ctx.sourceAci, device: ctx.sourceDevice },
    sentAt,
    receivedAt: ctx.receivedAt,
    sealed: ctx.sealed,
    fromOwnAccount,
    conversation,
    ...(instance ? { instance } : {}),
  });
  // A message sent to us directly: from the owner's own account it lands in Note to Self.
  const direct: Conversation = fromOwnAccount ? { kind: 'note-to-self' } : { kind: 'direct', aci: ctx.sourceAci };

  // Another computer's presence message, or its typing indicator (it started on a message the
  // owner sent it): the chat layer learns the computer is there and awake.
  if (instance && (content.nullMessage !== undefined || content.typingMessage !== undefined) && fromOwnAccount) {
    return { kind: 'event', event: { ...base({ kind: 'note-to-self' }, ctx.sentAt), type: 'presence' }, attachments: [] };
  }
  if (content.syncMessage?.pniChangeNumber) {
    // The owner changed their number on the phone: the account's new PNI identity and keys.
    if (!fromOwnAccount) return { kind: 'ignored', reason: 'change of number from another account' };
    return { kind: 'pni-change', change: content.syncMessage.pniChangeNumber };
  }
  if (content.syncMessage) {
    const sent = content.syncMessage.sent;
    if (!sent || !fromOwnAccount) return { kind: 'ignored', reason: 'sync message' };
    const destination = serviceIdFrom(sent.destinationServiceIdBinary, sent.destinationServiceId);
    if (!destination) return { kind: 'ignored', reason: 'sync transcript without destination' };
    const conversation: Conversation = destination === ctx.ownAci ? { kind: 'note-to-self' } : { kind: 'direct', aci: destination };
    const common = base(conversation, sent.timestamp ?? ctx.sentAt);
    if (sent.editMessage) return fromEdit(sent.editMessage, common);
    if (sent.message) return withTimer(fromDataMessage(sent.message, common), timerOf(sent.message, conversation));
    return { kind: 'ignored', reason: 'sync transcript without message' };
  }
  if (content.editMessage) return fromEdit(content.editMessage, base(direct, ctx.sentAt));
  if (content.dataMessage) return withTimer(fromDataMessage(content.dataMessage, base(direct, content.dataMessage.timestamp ?? ctx.sentAt)), timerOf(content.dataMessage, direct));
  if (content.typingMessage !== undefined) return { kind: 'ignored', reason: 'typing' };
  if (content.receiptMessage !== undefined) return { kind: 'ignored', reason: 'receipt' };
  if (content.decryptionErrorMessage !== undefined) return { kind: 'retry-request', request: retryRequest(content.decryptionErrorMessage, ctx) };
  if (content.callMessage !== undefined) return { kind: 'ignored', reason: 'call' };
  if (content.storyMessage !== undefined) return { kind: 'ignored', reason: 'story' };
  if (content.nullMessage !== undefined) return { kind: 'ignored', reason: 'null message' };
  return { kind: 'ignored', reason: 'unknown content' };
}
