import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CRASH_STREAK_MS, CRASH_WINDOW_MS, IDLE_SUSPEND_MS, RETRY_MAX_MS, retryDelay, SUSPENDED_TERMINATE_MS, transition, type LifecycleEffect, type LifecycleEvent, type LifecycleSnapshot } from '../../src-main/sessions/lifecycle.js';

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

test('events that do not apply are ignored, never throw', () => {
  assert.equal(transition({ state: 'active', crashCount: 0 }, { type: 'turn', workerAlive: true }).applied, false, 'a busy session queues');
  assert.equal(transition({ state: 'idle', crashCount: 0 }, { type: 'restart' }).applied, false);
  assert.equal(transition({ state: 'suspended', crashCount: 0 }, { type: 'crash', at: 0, reason: 'x' }).applied, false);
});
