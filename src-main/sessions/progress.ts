// Turns a stream of progress lines into few phone messages: one silent progress message that is
// edited as work goes on, at most one edit per interval, and a fresh progress message before
// Signal's edit limit is reached. The interval doubles with each new progress message, so a turn
// of any length stays within a handful of messages. Final answers do not go through here: they
// are sent at once as their own notifying message.
import type { Clock, TimerHandle } from '../shared/clock.js';
import { TextBuilder } from '../display/text-builder.js';
import type { RenderedText } from '../display/types.js';

export interface ProgressOptions {
  readonly clock: Clock;
  readonly sink: (update: ProgressUpdate) => void;
  /** Shortest time between two updates the phone sees. */
  readonly minIntervalMs?: number;
  /** Edits per progress message; Signal clients accept about ten. */
  readonly maxEditsPerMessage?: number;
  /** Progress messages per turn; after that the last one is left as it is until the turn ends. */
  readonly maxMessages?: number;
  /** Lines shown in one progress message (older ones are counted, not shown). */
  readonly visibleLines?: number;
  readonly header?: string;
}

export type ProgressUpdate =
  | { readonly type: 'new'; readonly messageIndex: number; readonly text: RenderedText }
  | { readonly type: 'edit'; readonly messageIndex: number; readonly text: RenderedText };

export type ProgressLine = RenderedText | string;

interface Line {
  readonly key: string | undefined;
  text: ProgressLine;
}
/** What the phone shows for a text: its characters and their styles. */
const shownAs = (t: RenderedText): string => JSON.stringify([t.text, t.ranges]);

export class ProgressCoalescer {
  private readonly clock: Clock;
  private readonly sink: (update: ProgressUpdate) => void;
  private readonly minIntervalMs: number;
  private readonly maxEdits: number;
  private readonly maxMessages: number;
  private readonly visibleLines: number;
  private readonly header: string;
  private readonly lines: Line[] = [];
  /** Lines already shown in earlier (finished) progress messages. */
  private shownBefore = 0;
  /** Lines the last update of the current progress message showed. */
  private shownUpTo = 0;
  private messageIndex = -1;
  private editsOnMessage = 0;
  private lastSentAt = -Infinity;
  private lastShown: string | undefined;
  private pending: TimerHandle | undefined;
  private finished = false;

  constructor(options: ProgressOptions) {
    this.clock = options.clock;
    this.sink = options.sink;
    this.minIntervalMs = options.minIntervalMs ?? 2000;
    this.maxEdits = options.maxEditsPerMessage ?? 9;
    this.maxMessages = options.maxMessages ?? 5;
    this.visibleLines = options.visibleLines ?? 8;
    this.header = options.header ?? '⏳ Working…';
  }

  /** Adds a line; a `key` lets a later `update` replace it (a tool call gets its result). */
  add(text: ProgressLine, key?: string): void {
    if (this.finished) return;
    this.lines.push({ key, text });
    this.schedule();
  }

  update(key: string, text: ProgressLine): void {
    if (this.finished) return;
    const line = this.lines.findLast((l) => l.key === key);
    if (line) line.text = text;
    else this.lines.push({ key, text });
    this.schedule();
  }

  /** The turn is over: one last edit with `footer` (e.g. "✅ Done · 12 steps"), sent when allowed. */
  finish(footer: string): void {
    if (this.finished) return;
    this.finished = true;
    this.pending?.cancel();
    this.pending = undefined;
    if (this.messageIndex < 0) return; // nothing was shown: the final answer says it all
    const text = this.render(false, footer);
    // (The footer always changes the text: no header, one more line.)
    if (this.editsOnMessage >= this.maxEdits) return;
    const wait = this.lastSentAt + this.interval() - this.clock.now();
    const send = () => {
      this.pending = undefined;
      this.emit({ type: 'edit', messageIndex: this.messageIndex, text });
    };
    if (wait <= 0) send();
    else this.pending = this.clock.setTimeout(send, wait);
  }

  /** Stops any pending update (the turn was cancelled or the session went away). */
  dispose(): void {
    this.finished = true;
    this.pending?.cancel();
    this.pending = undefined;
  }

  /** Nothing is waiting to be sent (and nothing will be, once finished). */
  get idle(): boolean {
    return this.pending === undefined;
  }

  private interval(): number {
    return this.minIntervalMs * 2 ** Math.max(0, this.messageIndex);
  }

  private schedule(): void {
    if (this.pending) return;
    const wait = this.lastSentAt + this.interval() - this.clock.now();
    if (wait <= 0) this.flush();
    else this.pending = this.clock.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.pending = undefined;
    const needNew = this.messageIndex < 0 || this.editsOnMessage >= this.maxEdits;
    if (needNew && this.messageIndex + 1 >= this.maxMessages) return; // budget spent: wait for finish()
    if (needNew) {
      // The new message starts with the lines the last one never showed (at least the latest).
      this.shownBefore = Math.min(this.shownUpTo, this.lines.length - 1);
      this.messageIndex += 1;
      this.editsOnMessage = 0;
      this.emit({ type: 'new', messageIndex: this.messageIndex, text: this.render(true) });
    } else {
      const text = this.render(true);
      if (shownAs(text) === this.lastShown) return;
      this.editsOnMessage += 1;
      this.emit({ type: 'edit', messageIndex: this.messageIndex, text });
    }
    this.shownUpTo = this.lines.length;
  }

  private emit(update: ProgressUpdate): void {
    this.lastSentAt = this.clock.now();
    this.lastShown = shownAs(update.text);
    this.sink(update);
  }

  private render(withHeader: boolean, footer?: string): RenderedText {
    const own = this.lines.slice(Math.max(0, this.shownBefore));
    const hidden = Math.max(0, own.length - this.visibleLines);
    const parts: ProgressLine[] = [];
    if (withHeader) parts.push(this.messageIndex > 0 ? `${this.header} (continued)` : this.header);
    if (hidden > 0) parts.push(`… ${hidden} earlier step${hidden === 1 ? '' : 's'}`);
    parts.push(...own.slice(hidden).map((l) => l.text));
    if (footer !== undefined) parts.push(footer);
    const b = new TextBuilder();
    parts.forEach((p, i) => {
      if (i > 0) b.append('\n');
      if (typeof p === 'string') b.append(p);
      else b.appendRendered(p);
    });
    return b.build();
  }
}
