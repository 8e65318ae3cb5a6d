// What display/ hands to the Signal sender: plain text, style ranges and attachments. The
// sender maps these onto Signal's DataMessage (body, bodyRanges, attachments) protobufs.

/** Signal's BodyRange.Style values we use (mentions are not produced here). */
export type BodyRangeStyle = 'bold' | 'italic' | 'monospace' | 'strikethrough' | 'spoiler';

/**
 * A style over part of a message body. `start` and `length` count UTF-16 code units, like
 * Signal's BodyRange (Desktop indexes JS strings, Android Java strings: both UTF-16).
 */
export interface BodyRange {
  readonly start: number;
  readonly length: number;
  readonly style: BodyRangeStyle;
}

export interface OutgoingAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

/**
 * One Signal message to send. When `attachments` holds a long-text attachment
 * (content type {@link LONG_TEXT_CONTENT_TYPE}) it comes first, `body` is a prefix of its text
 * and `bodyRanges` refer to the full text — what Signal Desktop and Android send.
 */
export interface RenderedMessage {
  readonly body: string;
  readonly bodyRanges: readonly BodyRange[];
  readonly attachments: readonly OutgoingAttachment[];
}

/** Text with its style ranges: the intermediate form every renderer here produces. */
export interface RenderedText {
  readonly text: string;
  readonly ranges: readonly BodyRange[];
}

/** An attachment that belongs next to a place in the text (e.g. the line that names it). */
export interface AnchoredAttachment {
  readonly attachment: OutgoingAttachment;
  /** Offset in the rendered text (UTF-16) of the line that mentions the attachment. */
  readonly anchor: number;
}

export interface RenderedDoc extends RenderedText {
  readonly attachments: readonly AnchoredAttachment[];
}

/**
 * Signal's inline body limit in UTF-8 bytes. Android's receiver drops a DataMessage whose body
 * is larger (SignalServiceMessageLimits.MAX_INLINE_BODY_SIZE_BYTES = 2 KiB); Desktop moves
 * anything over 2048 bytes into a long-text attachment (util/longAttachment: isBodyTooLong).
 */
export const SIGNAL_BODY_LIMIT_BYTES = 2048;

/** The most text Android sends at all, even as a long-text attachment (MAX_TOTAL_BODY_SIZE_BYTES). */
export const SIGNAL_LONG_TEXT_LIMIT_BYTES = 64 * 1024;

/** Content type Signal clients give the attachment that carries a long message's full text. */
export const LONG_TEXT_CONTENT_TYPE = 'text/x-signal-plain';
