// Group commit for the write-ahead log: the store commits at synchronous = NORMAL (SQLite writes
// the WAL frames but does not fsync them), and whoever needs a commit on disk before telling the
// outside (the receiver, before it acknowledges envelopes Signal then deletes) asks for an fsync
// of the WAL file here. The fsync runs on libuv's thread pool, so the event loop keeps decrypting
// the next batch meanwhile instead of blocking in SQLite's own FULL-mode fsync. fsync works on the
// file, not the descriptor, so it covers the frames SQLite wrote through its own descriptor.
import { open, type FileHandle } from 'node:fs/promises';

export class WalSync {
  private handle: FileHandle | undefined;
  /** The fsync under way; it may have started before a caller's commit. */
  private running: Promise<void> | undefined;
  /** The fsync queued after it, shared by every caller that arrives before it starts. */
  private queued: Promise<void> | undefined;
  private closed = false;
  /** Completed fsyncs (for tests and status). */
  completed = 0;

  constructor(private readonly file: string) {}

  /** Resolves once every write made to the WAL before this call is on disk; rejects if it cannot be. */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    const before = this.running ?? Promise.resolve();
    const queued = before
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        const run = this.fsync();
        this.running = run;
        return run.finally(() => {
          if (this.running === run) this.running = undefined;
        });
      });
    this.queued = queued;
    return queued;
  }

  close(): void {
    this.closed = true;
    const handle = this.handle;
    this.handle = undefined;
    void handle?.close().catch(() => undefined);
  }

  private async fsync(): Promise<void> {
    if (this.closed) throw new Error('the database is closed');
    try {
      // Opened once and kept: SQLite keeps the WAL file while the database is open.
      this.handle ??= await open(this.file, 'r');
      await this.handle.sync();
      this.completed++;
    } catch (error) {
      const handle = this.handle;
      this.handle = undefined;
      await handle?.close().catch(() => undefined);
      throw error;
    }
  }
}
