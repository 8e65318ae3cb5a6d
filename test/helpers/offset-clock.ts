// A clock that runs with real time but can be pushed forward: advance(ms) moves "now" and fires
// every timer that became due. Lets a test see a retry scheduled a minute out without waiting.
import type { Clock, TimerHandle } from '../../src-main/shared/clock.js';

export class OffsetClock implements Clock {
  private offset = 0;
  private timers = new Set<{ at: number; fn: () => void; real: NodeJS.Timeout }>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.now() + ms, fn, real: setTimeout(() => this.fire(timer), ms) };
    timer.real.unref();
    this.timers.add(timer);
    return { cancel: () => this.cancel(timer) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    let handle: TimerHandle;
    const tick = () => {
      fn();
      handle = this.setTimeout(tick, ms);
    };
    handle = this.setTimeout(tick, ms);
    return { cancel: () => handle.cancel() };
  }

  advance(ms: number): void {
    this.offset += ms;
    for (const timer of [...this.timers]) if (timer.at <= this.now()) this.fire(timer);
  }

  private fire(timer: { at: number; fn: () => void; real: NodeJS.Timeout }): void {
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer.real);
    timer.fn();
  }

  private cancel(timer: { real: NodeJS.Timeout; at: number; fn: () => void }): void {
    this.timers.delete(timer);
    clearTimeout(timer.real);
  }
}
