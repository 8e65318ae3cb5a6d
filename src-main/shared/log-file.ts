// A size-rotated log file (app.log, app.log.1 … app.log.N). Writes are synchronous appends so a
// crash never loses the line that explains it; rotation renames, so readers tailing the file
// see a clean cut.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingLogFileOptions {
  readonly path: string;
  readonly maxBytes?: number;
  readonly keep?: number;
}

export class RotatingLogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number | undefined;
  private size = 0;

  constructor(options: RotatingLogFileOptions) {
    this.path = options.path;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    this.open();
  }

  write(chunk: string): boolean {
    if (this.fd === undefined) return true;
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    if (this.fd === undefined) return true;
    writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = statSync(this.path).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch {
        // A missing older file is normal before the first few rotations.
      }
    }
    renameSync(this.path, `${this.path}.1`);
    this.open();
  }
}
