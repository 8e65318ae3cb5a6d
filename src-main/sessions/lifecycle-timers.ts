// The lifecycle's timers of one session (idle → suspended, suspended → terminated, the retry
// after a crash): each fires its lifecycle event; a cancel-timers effect (or shutdown) stops all.
import type { Clock, TimerHandle } from '../shared/clock.js';
import type { LifecycleEvent } from './lifecycle.js';

export type LifecycleTimer = 'idle' | 'suspended' | 'retry';

const EVENTS: Record<LifecycleTimer, LifecycleEvent> = {
  idle: { type: 'idle-timeout' },
  suspended: { type: 'suspended-timeout' },
  retry: { type: 'retry-timeout' },
};

export class LifecycleTimers {
  private timers: TimerHandle[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly fire: (event: LifecycleEvent) => void,
  ) {}

  /** `timer` fires in `ms` (at once if that moment has passed, as after a restart of the app). */
  schedule(timer: LifecycleTimer, ms: number): void {
    const event = EVENTS[timer];
    this.timers.push(this.clock.setTimeout(() => this.fire(event), Math.max(0, ms)));
  }

  cancel(): void {
    for (const t of this.timers) t.cancel();
    this.timers = [];
  }
}
