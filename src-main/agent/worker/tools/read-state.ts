// Which files Claude has seen in this session, and how they looked then, so Write and Edit
// refuse to overwrite a file Claude never read or one that changed on disk since (the owner
// edited it at the desk, a formatter or a Bash command rewrote it). Claude Code's rule, with
// Claude Code's wording, so the model recovers the way it is used to: it reads again.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ToolUseBlock } from '../../content.js';
import type { Step } from '../../transcript.js';

export const NOT_READ_TEXT = 'File has not been read yet. Read it first before writing to it.';
export const CHANGED_TEXT = 'File has been modified since read, either by the user or by a linter. Read it again before attempting to write it.';

/** Files remembered at most; the oldest are forgotten first (Claude then reads them again). */
const MAX_FILES = 1000;

interface Seen {
  /** The file's mtime when Claude saw it (or, rebuilt from a transcript, when it was seen). */
  readonly mtimeMs: number;
  /** Hash of the whole content when Claude saw all of it: a touched but unchanged file still passes. */
  readonly hash?: string;
}

function hashOf(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('base64');
}

export class FileReads {
  private readonly seen = new Map<string, Seen>();

  /**
   * Claude saw `abs` as it was at `mtimeMs` (taken before reading, so a change while reading
   * still counts as a change); `content` when it saw all of it.
   */
  saw(abs: string, mtimeMs: number, content?: Buffer | string): void {
    this.remember(abs, { mtimeMs, ...(content === undefined ? {} : { hash: hashOf(content) }) });
  }

  /** Claude just wrote `content` to `abs`: it knows the file as it is now. */
  async wrote(abs: string, content: Buffer | string): Promise<void> {
    const info = await stat(abs).catch(() => undefined);
    if (info) this.saw(abs, info.mtimeMs, content);
  }

  /** Why Claude may not overwrite the existing file `abs` now, or undefined when it may. */
  async refusal(abs: string): Promise<string | undefined> {
    const seen = this.seen.get(abs);
    if (!seen) return NOT_READ_TEXT;
    const info = await stat(abs).catch(() => undefined);
    if (!info || info.mtimeMs <= seen.mtimeMs) return undefined;
    if (seen.hash !== undefined) {
      const now = await readFile(abs).catch(() => undefined);
      if (now && hashOf(now) === seen.hash) return undefined;
    }
    return CHANGED_TEXT;
  }

  /**
   * Rebuilds what Claude saw from the steps it still sees (a session resumed after the worker
   * was suspended or restarted): a successful Read, Write or Edit counts as seeing the file at
   * the time its result was committed.
   */
  seed(root: string, steps: readonly Step[]): void {
    const paths = new Map<string, string>();
    for (const step of steps) {
      if (step.kind === 'assistant') {
        for (const block of step.content) {
          if (block.type !== 'tool_use' || !FILE_TOOLS.has(block.name)) continue;
          const path = filePathOf(block);
          if (path) paths.set(block.id, resolve(root, path));
        }
      } else if (step.kind === 'tool_result' && step.outcome === 'ran' && !step.isError) {
        const abs = paths.get(step.toolUseId);
        if (abs) this.remember(abs, { mtimeMs: step.at });
      }
    }
  }

  private remember(abs: string, seen: Seen): void {
    this.seen.delete(abs);
    this.seen.set(abs, seen);
    if (this.seen.size > MAX_FILES) this.seen.delete(this.seen.keys().next().value as string);
  }
}

const FILE_TOOLS = new Set(['Read', 'Write', 'Edit']);

function filePathOf(block: ToolUseBlock): string | undefined {
  const input = block.input as { file_path?: unknown } | null;
  return input && typeof input.file_path === 'string' && input.file_path.length > 0 ? input.file_path : undefined;
}
