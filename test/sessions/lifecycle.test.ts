import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_STATES, type SessionState } from '../../src-main/shared/api.js';
import { CRASH_STREAK_MS, CRASH_WINDOW_MS, HEALTH_CHECK_MS, IDLE_SUSPEND_MS, RETRY_MAX_MS, retryDelay, SUSPENDED_TERMINATE_MS, transition, type LifecycleEffect, type LifecycleEvent, type LifecycleSnapshot, type Transition } from '../../src-main/sessions/lifecycle.js';

function run(start: LifecycleSnapshot, events: LifecycleEvent[]): { states: string[]; effects: string[][]; all: LifecycleEffect[]; last: LifecycleSnapshot } {
  let s = start;
  const states: string[] = [];
  const effects: string[][] = [];
  const all: LifecycleEffect[] = [];
  for (const e of events) {
    const t = transition(s, e);
    s = t.next;
    states.push(s.state);
    effects.push(t.effects.map((x) => x.type));
    all.push(...t.effects);
  }
  return { states, effects, all, last: s };
}

const fresh: LifecycleSnapshot = { state: 'idle', crashCount: 0 };

test('first message spawns a worker, the turn runs, the session goes idle and schedules suspend', () => {
  const r = run(fresh, [{ type: 'turn', workerAlive: false }, { type: 'worker-ready', turnPending: true }, { type: 'turn-end' }]);
  assert.deepEqual(r.states, ['initializing', 'active', 'idle']);
  assert.deepEqual(r.effects[0], ['cancel-timers', 'spawn-worker']);
  assert.deepEqual(r.effects[1], ['run-turn']);
  const t = transition({ state: 'active', crashCount: 0 }, { type: 'turn-end' });
  assert.deepEqual(t.effects, [{ type: 'schedule', timer: 'idle', ms: IDLE_SUSPEND_MS }]);
});

test('idle 30 min → suspended (worker stops); a message resumes; 24 h suspended → terminated', () => {
  const r = run({ state: 'idle', crashCount: 0 }, [{ type: 'idle-timeout' }, { type: 'turn', workerAlive: false }, { type: 'worker-ready', turnPending: true }]);
  assert.deepEqual(r.states, ['suspended', 'resuming', 'active']);
  assert.deepEqual(r.effects[0], ['stop-worker', 'schedule']);
  const t = transition({ state: 'idle', crashCount: 0 }, { type: 'idle-timeout' });
  assert.deepEqual(t.effects[1], { type: 'schedule', timer: 'suspended', ms: SUSPENDED_TERMINATE_MS });
  assert.equal(transition({ state: 'suspended', crashCount: 0 }, { type: 'suspended-timeout' }).next.state, 'terminated');
});

test('a crash recovers once; a second crash within 60 s stays crashed and notifies; /restart revives', () => {
  const t0 = 1_000_000;
  const r = run({ state: 'active', crashCount: 0 }, [
    { type: 'crash', at: t0, reason: 'exit 1' },
    { type: 'worker-ready', turnPending: true },
    { type: 'crash', at: t0 + CRASH_WINDOW_MS - 1, reason: 'out of memory' },
    { type: 'turn', workerAlive: false },
    { type: 'restart' },
    { type: 'worker-ready', turnPending: false },
  ]);
  assert.deepEqual(r.states, ['recovering', 'active', 'crashed', 'crashed', 'recovering', 'idle']);
  assert.deepEqual(r.effects[2], ['cancel-timers', 'notify-crash']);
  assert.equal(r.last.crashCount, 2);
  assert.equal(r.last.crashReason, 'out of memory');
});

test('a crash streak waits before each attempt, 1 min then doubling up to 30 min; 30 quiet minutes end the streak', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay), [0, 60_000, 120_000, 240_000, 480_000, 960_000, RETRY_MAX_MS, RETRY_MAX_MS]);
  const gap = CRASH_WINDOW_MS + 1;
  const r = run({ state: 'active', crashCount: 0 }, [
    { type: 'crash', at: 0, reason: 'a' },
    { type: 'worker-ready', turnPending: true },
    { type: 'crash', at: gap, reason: 'b' },
    { type: 'turn', workerAlive: false },
    { type: 'retry-timeout' },
    { type: 'worker-ready', turnPending: true },
    { type: 'crash', at: gap + 60_000 + gap, reason: 'c' },
    { type: 'restart' },
    { type: 'worker-ready', turnPending: false },
    { type: 'crash', at: 10 * gap, reason: 'd' },
  ]);
  assert.deepEqual(r.states, ['recovering', 'active', 'crashed', 'crashed', 'recovering', 'active', 'crashed', 'recovering', 'idle', 'recovering']);
  const waits = r.all.flatMap((e) => (e.type === 'schedule' && e.timer === 'retry' ? [e.ms] : []));
  assert.deepEqual(waits, [60_000, 120_000], 'the second wait doubles; /restart starts a new streak');
  const told = r.all.filter((e) => e.type === 'notify-crash' && e.retryInMs !== undefined);
  assert.equal(told.length, 1, 'the owner is told once per streak');

  const quiet = run({ state: 'idle', crashCount: 1, lastCrashAt: 0, crashStreak: 3 }, [{ type: 'crash', at: CRASH_STREAK_MS, reason: 'e' }]);
  assert.deepEqual(quiet.states, ['recovering'], 'after 30 quiet minutes a crash recovers at once');
});

test('terminate from any live state ends in terminated after the worker exits; terminated ignores everything', () => {
  for (const state of ['idle', 'active', 'suspended', 'crashed', 'recovering'] as const) {
    const r = run({ state, crashCount: 0 }, [{ type: 'terminate' }, { type: 'worker-exited' }]);
    assert.deepEqual(r.states, ['terminating', 'terminated'], state);
  }
  const dead = transition({ state: 'terminated', crashCount: 0 }, { type: 'turn', workerAlive: false });
  assert.equal(dead.applied, false);
});

// The durations the owner is promised (README, DESIGN.md), written out so a changed constant shows.
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

test('an idle session is suspended after 30 minutes, and a suspended one ends after 24 hours', () => {
  const idle = transition({ state: 'active', crashCount: 0 }, { type: 'turn-end' });
  assert.deepEqual(idle.effects, [{ type: 'schedule', timer: 'idle', ms: 30 * MINUTE }]);
  const suspended = transition(idle.next, { type: 'idle-timeout' });
  assert.deepEqual(suspended.next.state, 'suspended');
  assert.deepEqual(suspended.effects, [{ type: 'stop-worker' }, { type: 'schedule', timer: 'suspended', ms: 24 * HOUR }]);
  const ended = transition(suspended.next, { type: 'suspended-timeout' });
  assert.deepEqual(ended, { next: { state: 'terminated', crashCount: 0 }, effects: [{ type: 'cancel-timers' }], applied: true });
});

test('a second crash exactly 60 s after the first waits a minute, then tries again; one millisecond sooner it stays crashed until /restart', () => {
  const crashedAt = 5_000_000;
  const first = transition({ state: 'active', crashCount: 0 }, { type: 'crash', at: crashedAt, reason: 'exit 1' });
  assert.deepEqual(first.next, { state: 'recovering', crashCount: 1, lastCrashAt: crashedAt, crashReason: 'exit 1', crashStreak: 1 });
  assert.deepEqual(first.effects, [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: 'exit 1', final: false }, { type: 'spawn-worker', resume: true }]);
  const back = transition(first.next, { type: 'worker-ready', turnPending: true }).next;
  const late = transition(back, { type: 'crash', at: crashedAt + MINUTE, reason: 'again' });
  assert.equal(late.next.state, 'crashed');
  assert.equal(late.next.retryAt, crashedAt + 2 * MINUTE, 'the next attempt a minute later');
  assert.deepEqual(late.effects, [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: 'again', final: false, retryInMs: MINUTE }, { type: 'schedule', timer: 'retry', ms: MINUTE }]);
  assert.equal(transition(late.next, { type: 'retry-timeout' }).next.state, 'recovering', 'the attempt when the minute is over');
  const soon = transition(back, { type: 'crash', at: crashedAt + MINUTE - 1, reason: 'again' });
  assert.equal(soon.next.state, 'crashed');
  assert.equal(soon.next.crashCount, 2);
  assert.equal(soon.next.retryAt, undefined, 'no attempt of its own: it waits for /restart');
  assert.deepEqual(soon.effects, [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: 'again', final: true }]);
  assert.equal(transition(soon.next, { type: 'retry-timeout' }).applied, false, 'a stray retry timer does not revive it');
});

test('after /restart a crash gets a fresh 60 s window: it recovers instead of staying crashed', () => {
  const crashed: LifecycleSnapshot = { state: 'crashed', crashCount: 2, lastCrashAt: 1_000, crashReason: 'oom' };
  const restarted = transition(crashed, { type: 'restart' });
  assert.deepEqual(restarted.effects, [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }], 'a pending retry timer is dropped');
  assert.equal(restarted.next.state, 'recovering');
  const ready = transition(restarted.next, { type: 'worker-ready', turnPending: false }).next;
  assert.equal(transition(ready, { type: 'crash', at: 2_000, reason: 'oom' }).next.state, 'recovering');
});

test('a second message to an idle session with a live worker runs at once, without a new worker', () => {
  const t = transition({ state: 'idle', crashCount: 0 }, { type: 'turn', workerAlive: true });
  assert.deepEqual(t, { next: { state: 'active', crashCount: 0 }, effects: [{ type: 'cancel-timers' }, { type: 'run-turn' }], applied: true });
});

test('/new stops the worker and its timers; the session ends only once the worker has exited', () => {
  const t = transition({ state: 'idle', crashCount: 0 }, { type: 'terminate' });
  assert.deepEqual(t.effects, [{ type: 'cancel-timers' }, { type: 'stop-worker' }]);
  assert.equal(t.next.state, 'terminating');
  assert.deepEqual(transition(t.next, { type: 'worker-exited' }), { next: { state: 'terminated', crashCount: 0 }, effects: [], applied: true });
});

// Every event in every state: what the session does. A row lists the states the event applies
// to; in every other state the event is ignored (a late timer, a crash while ending, a message
// while busy is queued elsewhere) and changes nothing.
const idleTimer: LifecycleEffect = { type: 'schedule', timer: 'idle', ms: 30 * MINUTE };
const events: Array<{ event: LifecycleEvent; applies: Partial<Record<SessionState, { next: SessionState; effects: LifecycleEffect[] }>> }> = [
  {
    event: { type: 'turn', workerAlive: false },
    applies: {
      idle: { next: 'initializing', effects: [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }] },
      suspended: { next: 'resuming', effects: [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }] },
    },
  },
  {
    event: { type: 'turn', workerAlive: true },
    applies: {
      idle: { next: 'active', effects: [{ type: 'cancel-timers' }, { type: 'run-turn' }] },
      suspended: { next: 'resuming', effects: [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }] },
    },
  },
  {
    event: { type: 'worker-ready', turnPending: true },
    applies: {
      initializing: { next: 'active', effects: [{ type: 'run-turn' }] },
      resuming: { next: 'active', effects: [{ type: 'run-turn' }] },
      recovering: { next: 'active', effects: [{ type: 'run-turn' }] },
    },
  },
  {
    event: { type: 'worker-ready', turnPending: false },
    applies: {
      initializing: { next: 'idle', effects: [idleTimer] },
      resuming: { next: 'idle', effects: [idleTimer] },
      recovering: { next: 'idle', effects: [idleTimer] },
    },
  },
  { event: { type: 'turn-end' }, applies: { active: { next: 'idle', effects: [idleTimer] } } },
  {
    event: { type: 'idle-timeout' },
    applies: { idle: { next: 'suspended', effects: [{ type: 'stop-worker' }, { type: 'schedule', timer: 'suspended', ms: 24 * HOUR }] } },
  },
  { event: { type: 'suspended-timeout' }, applies: { suspended: { next: 'terminated', effects: [{ type: 'cancel-timers' }] } } },
  {
    event: { type: 'crash', at: 0, reason: 'exit 1' },
    applies: Object.fromEntries(
      (['idle', 'initializing', 'active', 'resuming', 'recovering'] as const).map((state) => [
        state,
        { next: 'recovering', effects: [{ type: 'cancel-timers' }, { type: 'notify-crash', reason: 'exit 1', final: false }, { type: 'spawn-worker', resume: true }] },
      ]),
    ),
  },
  { event: { type: 'restart' }, applies: { crashed: { next: 'recovering', effects: [{ type: 'cancel-timers' }, { type: 'spawn-worker', resume: true }] } } },
  // A retry timer only means something to a session crashed with an attempt scheduled (retryAt):
  // in any state without one it changes nothing.
  { event: { type: 'retry-timeout' }, applies: {} },
  {
    event: { type: 'terminate' },
    applies: Object.fromEntries(
      (['idle', 'initializing', 'active', 'suspended', 'resuming', 'crashed', 'recovering'] as const).map((state) => [
        state,
        { next: 'terminating', effects: [{ type: 'cancel-timers' }, { type: 'stop-worker' }] },
      ]),
    ),
  },
  { event: { type: 'worker-exited' }, applies: { terminating: { next: 'terminated', effects: [] } } },
];

test('every event in every state: it either does what the lifecycle says or changes nothing', () => {
  for (const { event, applies } of events) {
    for (const state of SESSION_STATES) {
      const before: LifecycleSnapshot = { state, crashCount: 0 };
      const t = transition(before, event);
      const expected = applies[state];
      const where = `${event.type} in ${state}`;
      if (!expected) {
        assert.deepEqual(t, { next: before, effects: [], applied: false }, where);
        continue;
      }
      assert.equal(t.applied, true, where);
      assert.equal(t.next.state, expected.next, where);
      assert.deepEqual(t.effects, expected.effects, where);
    }
  }
});

test('a hung worker is looked for every 5 minutes, as DESIGN.md promises', () => {
  assert.equal(HEALTH_CHECK_MS, 5 * MINUTE);
});

test('a crash streak: the owner is told at the first wait only; each later crash just waits longer, and the attempt spawns a worker and clears the wait', () => {
  const gap = CRASH_WINDOW_MS + 1;
  let s: LifecycleSnapshot = { state: 'active', crashCount: 0 };
  const crashes: Transition[] = [];
  for (let n = 0; n < 4; n++) {
    const at = n * 10 * gap;
    const t = transition(s, { type: 'crash', at, reason: `crash ${n + 1}` });
    crashes.push(t);
    s = t.next;
    if (s.state === 'crashed') {
      assert.equal(s.retryAt, at + retryDelay(n + 1), `crash ${n + 1}: when /status says the next attempt is`);
      const attempt = transition(s, { type: 'retry-timeout' });
      assert.deepEqual(attempt.effects, [{ type: 'spawn-worker', resume: true }], `crash ${n + 1}: the attempt starts a worker`);
      assert.equal(attempt.next.state, 'recovering');
      assert.equal(attempt.next.retryAt, undefined, `crash ${n + 1}: no attempt is pending any more`);
      s = attempt.next;
    }
    s = transition(s, { type: 'worker-ready', turnPending: false }).next;
  }
  assert.deepEqual(crashes[2]?.effects, [{ type: 'cancel-timers' }, { type: 'schedule', timer: 'retry', ms: 2 * MINUTE }], 'the third crash is not told again');
  assert.deepEqual(crashes[3]?.effects, [{ type: 'cancel-timers' }, { type: 'schedule', timer: 'retry', ms: 4 * MINUTE }]);
});

test('a retry timer that fires after /new (or once the session is back) starts no worker', () => {
  const waiting = transition({ state: 'active', crashCount: 1, lastCrashAt: 0, crashStreak: 1 }, { type: 'crash', at: CRASH_WINDOW_MS + 1, reason: 'b' }).next;
  assert.equal(waiting.state, 'crashed');
  assert.notEqual(waiting.retryAt, undefined);
  const ending = transition(waiting, { type: 'terminate' }).next;
  assert.deepEqual(transition(ending, { type: 'retry-timeout' }), { next: ending, effects: [], applied: false });
  for (const state of SESSION_STATES.filter((x) => x !== 'crashed')) {
    const stale: LifecycleSnapshot = { ...waiting, state };
    assert.deepEqual(transition(stale, { type: 'retry-timeout' }), { next: stale, effects: [], applied: false }, state);
  }
});
