// What the chat layer needs to know about a phone message, independent of Signal's protobufs.
// The Signal adapter (daemon wiring) maps the receiver's typed events to this.

export interface ChatAttachment {
  readonly fileName: string | undefined;
  readonly contentType: string;
  readonly size: number;
  /** Where the decrypted bytes are (downloaded and size-limited by the receiver). */
  readonly path: string | undefined;
}

export interface InboundChatMessage {
  /** Inbox row id: the unit that is handled exactly once. */
  readonly inboxId: number;
  /** Sender's ACI. For a sync transcript this is the owner's own ACI. */
  readonly sourceAci: string;
  readonly sourceE164: string | undefined;
  /**
   * sync-sent: the owner sent it from another of their devices (phone); `destinationAci` says to
   * whom — Note to Self when it is the owner's own ACI. direct: someone wrote to this account.
   */
  readonly kind: 'sync-sent' | 'direct';
  readonly destinationAci: string | undefined;
  /** The message's own timestamp (Signal's id for quotes, reactions and edits). */
  readonly timestamp: number;
  readonly text: string;
  readonly quote: { readonly timestamp: number; readonly authorAci: string | undefined } | undefined;
  readonly reaction: { readonly emoji: string; readonly targetTimestamp: number; readonly remove: boolean } | undefined;
  readonly attachments: readonly ChatAttachment[];
  /** Set when this message edits an earlier one (the owner corrected a typo). */
  readonly editOf: number | undefined;
}
