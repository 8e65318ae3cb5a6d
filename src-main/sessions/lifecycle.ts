// The session lifecycle of DESIGN.md as a pure state machine. It decides; the supervisor acts
// (spawns and stops workers, schedules timers, notifies the owner).
//
//   idle → initializing → active ⇄ idle → suspended (30 min idle) → resuming → active
//   suspended for 24 h → terminated
//   any → terminating → terminated   (/new, project removed)
//   worker crash → crashed → recovering → active|idle, except a second crash within 60 s of the
//   previous one, which stays crashed and notifies the owner (/restart revives it).
//   A crash loop slower than that (each crash a while after the last recovery, within 30 min)
//   waits crashed before each new attempt: 1 min, then 2, 4, … up to 30 min. The owner is told
//   once, at the first wait; /restart tries at once; 30 min without a crash ends the streak.
import type { SessionState } from '../shared/api.js';

export const IDLE_SUSPEND_MS = 30 * 60 * 1000;
export const SUSPENDED_TERMINATE_MS = 24 * 60 * 60 * 1000;
export const CRASH_WINDOW_MS = 60 * 1000;
export const HEALTH_CHECK_MS = 5 * 60 * 1000;
/** Crashes less than this apart count as one streak (the restart delay grows along it). */
export const CRASH_STREAK_MS = 30 * 60 * 1000;
export const RETRY_MAX_MS = 30 * 60 * 1000;

/** How long the n-th crash of a streak waits before the next attempt: 0, 1 min, 2, 4, … 30 min. */
export function retryDelay(streak: number): number {
  if (streak <= 1) return 0;
  return Math.min(CRASH_WINDOW_MS * 2 ** (streak - 2), RETRY_MAX_MS);
}

export type LifecycleEvent =
  /** A user turn is ready to run. */
  | { readonly type: 'turn'; readonly workerAlive: boolean }
  /** The worker is up (spawned, resumed or recovered). */
  | { readonly type: 'worker-ready'; readonly turnPending: boolean }
  | { readonly type: 'turn-end' }
  | { readonly type: 'idle-timeout' }
  | { readonly type: 'suspended-timeout' }
  | { readonly type: 'crash'; readonly at: number; readonly reason: string }
  | { readonly type: 'restart' }
  /** The wait after a crash of a streak is over: try again. */
  | { readonly type: 'retry-timeout' }
  | { readonly type: 'terminate' }
  | { readonly type: 'worker-exited' };

export type LifecycleEffect =
  | { readonly type: 'spawn-worker'; readonly resume: boolean }
  | { readonly type: 'run-turn' }
  | { readonly type: 'stop-worker' }
  | { readonly type: 'schedule'; readonly timer: 'idle' | 'suspended' | 'retry'; readonly ms: number }
  | { readonly type: 'cancel-timers' }
  | { readonly type: 'notify-crash'; readonly reason: string; readonly final: boolean; readonly retryInMs?: number };

export interface LifecycleSnapshot {
  readonly state: SessionState;
  /** When the last crash happened (for the 60-second rule), if any. */
  readonly lastCrashAt?: number;
  readonly crashCount: number;
  readonly crashReason?: string;
  /** Crashes in the current streak (in memory: an app restart starts a new one). */
  readonly crashStreak?: number;
  /** When the next attempt starts, while waiting crashed after a crash of a streak. */
  readonly retryAt?: number;
}

export interface Transition {
  readonly next: LifecycleSnapshot;
  readonly effects: readonly LifecycleEffect[];
  /** False when the event does not apply in this state (it is ignored). */
  readonly applied: boolean;
}

const ignored = (s: LifecycleSnapshot): Transition => ({ next: s, effects: [], applied: false });
const to = (s: LifecycleSnapshot, state: SessionState, effects: LifecycleEffect[] = [], extra: Partial<LifecycleSnapshot> = {}): Transition => ({
  next: { ...s, ...extra, state },
  effects,
  applied: true,
});

export function transition(s: LifecycleSnapshot, e: LifecycleEvent): Transition {
  if (s.state === 'terminated') return ignored(s);
  switch (e.type) {
    case 'turn':
      if (s.state === 'idle') {
        return e.workerAlive
          ? to(s, 'active', [{ type: 'cancel-timers' }, { type: 'run-turn' }])
          : to(s, 'initializing', [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }]);
      }
      if (s.state === 'suspended') return to(s, 'resuming', [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }]);
      return ignored(s); // busy states queue the turn; crashed waits for /restart
    case 'worker-ready':
      if (s.state === 'initializing' || s.state === 'resuming' || s.state === 'recovering') {
        return e.turnPending
          ? to(s, 'active', [{ type: 'run-turn' }])
          : to(s, 'idle', [{ type: 'schedule', timer: 'idle', ms: IDLE_SUSPEND_MS }]);
      }
      return ignored(s);
    case 'turn-end':
      if (s.state !== 'active') return ignored(s);
      return to(s, 'idle', [{ type: 'schedule', timer: 'idle', ms: IDLE_SUSPEND_MS }]);
    case 'idle-timeout':
      if (s.state !== 'idle') return ignored(s);
      return to(s, 'suspended', [{ type: 'stop-worker' }, { type: 'schedule', timer: 'suspended', ms: SUSPENDED_TERMINATE_MS }]);
    case 'suspended-timeout':
      if (s.state !== 'suspended') return ignored(s);
      return to(s, 'terminated', [{ type: 'cancel-timers' }]);
    case 'crash': {
      if (s.state === 'terminating' || s.state === 'suspended' || s.state === 'crashed') return ignored(s);
      // The first crash (no earlier one) is never a repeat: it is infinitely long after "none".
      const repeated = e.at - (s.lastCrashAt ?? -Infinity) < CRASH_WINDOW_MS;
      const extra = { lastCrashAt: e.at, crashCount: s.crashCount + 1, crashReason: e.reason };
      if (repeated) return to(s, 'crashed', [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: e.reason, final: true }], { ...extra, retryAt: undefined });
      const inStreak = e.at - (s.lastCrashAt ?? -Infinity) < CRASH_STREAK_MS;
      const streak = inStreak ? (s.crashStreak ?? 1) + 1 : 1;
      const wait = retryDelay(streak);
      if (wait === 0) {
        return to(s, 'recovering', [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: e.reason, final: false }, { type: 'spawn-worker', resume: true }], { ...extra, crashStreak: streak });
      }
      // Told once per streak (at its first wait); later waits are in /status.
      const tell: LifecycleEffect[] = streak === 2 ? [{ type: 'notify-crash', reason: e.reason, final: false, retryInMs: wait }] : [];
      return to(s, 'crashed', [{ type: 'cancel-timers' }, ...tell, { type: 'schedule', timer: 'retry', ms: wait }], { ...extra, crashStreak: streak, retryAt: e.at + wait });
    }
    case 'retry-timeout':
      if (s.state !== 'crashed' || s.retryAt === undefined) return ignored(s);
      return to(s, 'recovering', [{ type: 'spawn-worker', resume: true }], { retryAt: undefined });
    case 'restart':
      if (s.state !== 'crashed') return ignored(s);
      // A deliberate restart starts a fresh 60-second window and a new streak.
      return to(s, 'recovering', [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }], { lastCrashAt: undefined, crashStreak: undefined, retryAt: undefined });
    case 'terminate':
      if (s.state === 'terminating') return ignored(s);
      return to(s, 'terminating', [{ type: 'cancel-timers' }, { type: 'stop-worker' }]);
    case 'worker-exited':
      if (s.state !== 'terminating') return ignored(s);
      return to(s, 'terminated');
  }
}
