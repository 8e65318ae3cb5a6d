// Inside the worker: the events to the main process, with Claude's streamed text gathered into
// one text_delta per interval instead of one per SSE chunk. The main thread handles every
// session's events, so fewer, larger messages keep it responsive with many sessions at work.
// Order is kept: any other event first sends the text gathered before it.
import type { WorkerEvent } from '../protocol.js';

export const TEXT_DELTA_INTERVAL_MS = 100;

export class EventOutbox {
  private text: { turnId: string; text: string } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly post: (event: WorkerEvent) => void,
    private readonly intervalMs = TEXT_DELTA_INTERVAL_MS,
  ) {}

  send(event: WorkerEvent): void {
    if (event.type === 'text_delta') {
      if (this.text && this.text.turnId !== event.turnId) this.flush();
      if (this.text) this.text.text += event.text;
      else this.text = { turnId: event.turnId, text: event.text };
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
      return;
    }
    this.flush();
    this.post(event);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.text;
    this.text = undefined;
    if (pending) this.post({ type: 'text_delta', turnId: pending.turnId, text: pending.text });
  }
}
