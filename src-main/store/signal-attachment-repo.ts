// Attachment bytes for the inbox (downloaded and decrypted) and the outbox (waiting for upload).
// `pointer` is the serialized AttachmentPointer: for a received attachment, where to fetch it;
// for an outgoing one, filled in after the upload so a retried send does not upload again.
import type { Store } from './database.js';
import { blob } from './signal-account-repo.js';

export type AttachmentDirection = 'in' | 'out';
export type AttachmentStatus = 'pending' | 'ready' | 'failed';

export interface AttachmentRow {
  readonly id: number;
  readonly direction: AttachmentDirection;
  readonly ownerId: number;
  readonly position: number;
  readonly contentType: string;
  readonly fileName: string | null;
  readonly size: number;
  readonly status: AttachmentStatus;
  readonly error: string | null;
  readonly pointer: Uint8Array | null;
}

/** A new row: outgoing bytes are ready, incoming ones wait for their download; no error yet. */
export type AttachmentInsert = Omit<AttachmentRow, 'id' | 'status' | 'error'> & { readonly data: Uint8Array | null };

type Row = {
  id: number;
  direction: AttachmentDirection;
  owner_id: number;
  position: number;
  content_type: string;
  file_name: string | null;
  size: number;
  status: AttachmentStatus;
  error: string | null;
  pointer: Uint8Array<ArrayBuffer> | null;
};

const COLUMNS = 'id, direction, owner_id, position, content_type, file_name, size, status, error, pointer';

export class SignalAttachmentRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  insert(row: AttachmentInsert): number {
    return this.store.db
      .prepare(
        `INSERT INTO signal_attachments (direction, owner_id, position, content_type, file_name, size, status, pointer, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run([
        row.direction, row.ownerId, row.position, row.contentType, row.fileName, row.size,
        row.direction === 'out' ? 'ready' : 'pending', row.pointer ? blob(row.pointer) : null, row.data ? blob(row.data) : null, this.now(),
      ]).lastInsertRowid;
  }

  list(direction: AttachmentDirection, ownerId: number): AttachmentRow[] {
    return this.store.db
      .prepare(`SELECT ${COLUMNS} FROM signal_attachments WHERE direction = ? AND owner_id = ? ORDER BY position`)
      .all<Row>([direction, ownerId])
      .map(toAttachment);
  }

  get(id: number): AttachmentRow | undefined {
    const row = this.store.db.prepare(`SELECT ${COLUMNS} FROM signal_attachments WHERE id = ?`).get<Row>([id]);
    return row ? toAttachment(row) : undefined;
  }

  data(id: number): Uint8Array | undefined {
    const value = this.store.db.prepare('SELECT data FROM signal_attachments WHERE id = ?', { pluck: true }).get([id]);
    return value instanceof Uint8Array ? value : undefined;
  }

  /** Received files still waiting for their download. */
  waitingDownloads(): number {
    return Number(this.store.db.prepare("SELECT COUNT(*) FROM signal_attachments WHERE direction = 'in' AND status = 'pending'", { pluck: true }).get());
  }

  /** A received attachment was downloaded and decrypted. */
  setData(id: number, data: Uint8Array): void {
    this.store.db.prepare("UPDATE signal_attachments SET data = ?, size = ?, status = 'ready', error = NULL WHERE id = ?").run([blob(data), data.byteLength, id]);
  }

  setFailed(id: number, error: string): void {
    this.store.db.prepare("UPDATE signal_attachments SET status = 'failed', error = ? WHERE id = ?").run([error, id]);
  }

  /** An outgoing attachment was uploaded: remember where, so a retry reuses it. */
  setPointer(id: number, pointer: Uint8Array): void {
    this.store.db.prepare('UPDATE signal_attachments SET pointer = ? WHERE id = ?').run([blob(pointer), id]);
  }
}

function toAttachment(row: Row): AttachmentRow {
  return {
    id: row.id,
    direction: row.direction,
    ownerId: row.owner_id,
    position: row.position,
    contentType: row.content_type,
    fileName: row.file_name,
    size: row.size,
    status: row.status,
    error: row.error,
    pointer: row.pointer,
  };
}
