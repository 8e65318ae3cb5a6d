// Decrypted phone messages, in arrival order. A row is written in the same transaction as the
// protocol state its decryption advanced, before the envelope is acknowledged; the chat layer
// marks it handled in the transaction that records what it did, so nothing is lost or run twice.
// A row is ready for the chat layer when its attachments are fetched and it is not held back
// by an unconfirmed identity-key change.
import type { Store } from './database.js';

export interface InboxInsert {
  readonly sourceAci: string;
  readonly sourceDevice: number;
  readonly sentAt: number;
  readonly serverGuid: string | null;
  readonly receivedAt: number;
  readonly type: string;
  /** The typed event as JSON (see signal/receive/inbound-events.ts). */
  readonly eventJson: string;
  readonly attachmentsPending: number;
  readonly held: boolean;
  /** Disappearing messages: when the stored body is deleted (once handled); none: kept. */
  readonly bodyExpiresAt?: number;
}

export interface InboxRow extends InboxInsert {
  readonly id: number;
  readonly handledAt: number | null;
}

type Row = {
  id: number;
  source_aci: string;
  source_device: number;
  sent_at: number;
  server_guid: string | null;
  received_at: number;
  type: string;
  event: string;
  attachments_pending: number;
  held: number;
  handled_at: number | null;
};

const READY = 'handled_at IS NULL AND attachments_pending = 0 AND held = 0';

export class InboxRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Inserts a message; returns its id, or undefined when the same message is already stored. */
  insert(row: InboxInsert): number | undefined {
    const result = this.store.db
      .prepare(
        `INSERT INTO signal_inbox (source_aci, source_device, sent_at, server_guid, received_at, type, event, attachments_pending, held, body_expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run([row.sourceAci, row.sourceDevice, row.sentAt, row.serverGuid, row.receivedAt, row.type, row.eventJson, row.attachmentsPending, row.held ? 1 : 0, row.bodyExpiresAt ?? null]);
    return result.changes === 1 ? result.lastInsertRowid : undefined;
  }

  /** Whether a message from this sender device with this timestamp (or server guid) is stored. */
  has(sourceAci: string, sourceDevice: number, sentAt: number): boolean {
    return this.store.db.prepare('SELECT 1 FROM signal_inbox WHERE source_aci = ? AND source_device = ? AND sent_at = ?').get([sourceAci, sourceDevice, sentAt]) !== undefined;
  }

  /**
   * Whether a delivery is one already stored: by the server's GUID or by sender and timestamp.
   * One statement (each side uses its own unique index), as it runs for every envelope.
   */
  seen(serverGuid: string | null, source: { aci: string; device: number; sentAt: number } | undefined): boolean {
    if (!source) return serverGuid !== null && this.hasGuid(serverGuid);
    return (
      this.store.db
        .prepare('SELECT 1 FROM signal_inbox WHERE server_guid = ? OR (source_aci = ? AND source_device = ? AND sent_at = ?) LIMIT 1')
        .get([serverGuid, source.aci, source.device, source.sentAt]) !== undefined
    );
  }

  hasGuid(serverGuid: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM signal_inbox WHERE server_guid = ?').get([serverGuid]) !== undefined;
  }

  get(id: number): InboxRow | undefined {
    const row = this.store.db.prepare('SELECT * FROM signal_inbox WHERE id = ?').get<Row>([id]);
    return row ? toInbox(row) : undefined;
  }

  /** Ready, unhandled messages after `afterId`, oldest first. */
  ready(afterId = 0, limit = 100): InboxRow[] {
    return this.store.db.prepare(`SELECT * FROM signal_inbox WHERE id > ? AND ${READY} ORDER BY id LIMIT ?`).all<Row>([afterId, limit]).map(toInbox);
  }

  countReady(): number {
    return Number(this.store.db.prepare(`SELECT count(*) FROM signal_inbox WHERE ${READY}`, { pluck: true }).get());
  }

  /** Marks a message handled; call inside the transaction that stores what handling it did. */
  markHandled(id: number): boolean {
    return this.store.db.prepare('UPDATE signal_inbox SET handled_at = ? WHERE id = ? AND handled_at IS NULL').run([this.now(), id]).changes === 1;
  }

  /** Messages whose attachments still need downloading. */
  awaitingAttachments(): InboxRow[] {
    return this.store.db.prepare('SELECT * FROM signal_inbox WHERE attachments_pending > 0 ORDER BY id').all<Row>().map(toInbox);
  }

  /** Replaces the stored event (e.g. once its attachment rows exist). */
  setEvent(id: number, eventJson: string): void {
    this.store.db.prepare('UPDATE signal_inbox SET event = ? WHERE id = ?').run([eventJson, id]);
  }

  /** Records that the attachments were fetched (or gave up on), with the event updated. */
  attachmentsDone(id: number, eventJson: string): void {
    this.store.db.prepare('UPDATE signal_inbox SET attachments_pending = 0, event = ? WHERE id = ?').run([eventJson, id]);
  }

  /** Releases every held message of one sender (after the owner confirmed the new identity key). */
  release(sourceAci: string): number {
    return this.store.db.prepare('UPDATE signal_inbox SET held = 0 WHERE source_aci = ? AND held = 1').run([sourceAci]).changes;
  }

  countHeld(): number {
    return Number(this.store.db.prepare('SELECT count(*) FROM signal_inbox WHERE held = 1 AND handled_at IS NULL', { pluck: true }).get());
  }
}

function toInbox(row: Row): InboxRow {
  return {
    id: row.id,
    sourceAci: row.source_aci,
    sourceDevice: row.source_device,
    sentAt: row.sent_at,
    serverGuid: row.server_guid,
    receivedAt: row.received_at,
    type: row.type,
    eventJson: row.event,
    attachmentsPending: row.attachments_pending,
    held: row.held === 1,
    handledAt: row.handled_at,
  };
}
