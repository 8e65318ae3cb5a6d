// A clock that only moves when the test says so, for the 2-second coalescing, the 30-minute
// suspend and the 24-hour terminate.
import type { Clock, TimerHandle } from '../../src-main/shared/clock.js';

interface Timer {
  at: number;
  fn: () => void;
  every?: number;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private current: number;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + Math.max(0, ms), fn, cancelled: false });
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + ms, fn, every: ms, cancelled: false });
  }

  /** Moves time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.current = next.at;
      if (next.every) next.at += next.every;
      else next.cancelled = true;
      next.fn();
    }
    this.current = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  /**
   * Like advance(), for code that continues in promise callbacks: lets those run after each
   * timer fires (and at the end) before the next due timer is looked for.
   */
  async advanceSettling(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.advance(next.at - this.current);
      await flush();
    }
    this.advance(end - this.current);
    await flush();
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  private add(timer: Timer): TimerHandle {
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
}

/** Lets pending promise callbacks (and what they schedule) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
