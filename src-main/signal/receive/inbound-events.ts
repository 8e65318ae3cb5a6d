// What a phone message means once decrypted, as the chat layer sees it. These events are stored
// in the inbox as JSON (checked with the same schema when read back, so a row written by an older
// version never crashes a newer one) and handed out in arrival order.
import { z } from 'zod';

export const BODY_STYLES = ['bold', 'italic', 'spoiler', 'strikethrough', 'monospace'] as const;
export type BodyStyle = (typeof BODY_STYLES)[number];

/** A styled or mention range over the body, in UTF-16 code units (as JavaScript strings count). */
export const BodyRangeSchema = z.object({
  start: z.number().int().min(0),
  length: z.number().int().min(0),
  style: z.enum(BODY_STYLES).optional(),
  mentionAci: z.string().optional(),
});
export type BodyRange = z.infer<typeof BodyRangeSchema>;

/** The ranges cut to a body of `length` code units (those starting after it go). */
export function clipBodyRanges(ranges: readonly BodyRange[], length: number): BodyRange[] {
  return ranges.filter((r) => r.start < length || (r.start === length && r.length === 0)).map((r) => ({ ...r, length: Math.min(r.length, length - r.start) }));
}

export const InboundAttachmentSchema = z.object({
  /** Row id: read the bytes with SignalService.readAttachment(id). */
  id: z.number().int(),
  contentType: z.string(),
  fileName: z.string().optional(),
  size: z.number().int().min(0),
  status: z.enum(['pending', 'ready', 'failed']),
  error: z.string().optional(),
});
export type InboundAttachment = z.infer<typeof InboundAttachmentSchema>;

export const QuoteSchema = z.object({
  /** The quoted message's timestamp. */
  targetSentAt: z.number().int(),
  authorAci: z.string().optional(),
  text: z.string().optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** Where the message lives: Note to Self, or the 1:1 chat with another account. */
export const ConversationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note-to-self') }),
  z.object({ kind: z.literal('direct'), aci: z.string() }),
]);
export type Conversation = z.infer<typeof ConversationSchema>;

const Common = {
  source: z.object({ aci: z.string(), device: z.number().int() }),
  sentAt: z.number().int(),
  receivedAt: z.number().int(),
  sealed: z.boolean(),
  /** Written by the owner of the linked account on one of its own devices (a sync transcript). */
  fromOwnAccount: z.boolean(),
  conversation: ConversationSchema,
  /**
   * Present when another instance of this app wrote the message (its content carried the
   * instance mark, see protocol/instance-mark.ts): never the owner's input.
   */
  instance: z.object({ computer: z.string(), projects: z.array(z.string()).default([]), current: z.string().optional(), currentSince: z.number().int().optional(), instance: z.string().optional() }).optional(),
};

const Content = {
  body: z.string(),
  bodyRanges: z.array(BodyRangeSchema),
  attachments: z.array(InboundAttachmentSchema),
};

export const StoredEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), ...Common, ...Content, quote: QuoteSchema.optional() }),
  z.object({ type: z.literal('edit'), ...Common, ...Content, targetSentAt: z.number().int() }),
  z.object({
    type: z.literal('reaction'),
    ...Common,
    emoji: z.string(),
    remove: z.boolean(),
    targetAuthorAci: z.string(),
    targetSentAt: z.number().int(),
  }),
  z.object({ type: z.literal('delete'), ...Common, targetSentAt: z.number().int() }),
  /** Another computer announcing itself (an invisible NullMessage carrying its instance mark). */
  z.object({ type: z.literal('presence'), ...Common }),
]);
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** An inbox event handed to the chat layer; `inboxId` is what markHandled() takes. */
export type InboundEvent = StoredEvent & { readonly inboxId: number };
