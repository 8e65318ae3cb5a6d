// The overview's live picture: sessions appear, change and leave with events; crashed sessions
// come first; approvals are gathered from every session, oldest first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_LIVE, liveReducer, pendingApprovals, sessionsForDisplay } from '../../../src-renderer/state/live-state.js';
import type { SessionSummary } from '../../../src-main/shared/api.js';

const session = (id: string, state: SessionSummary['state'], lastActivityAt: string | null, approvals: string[] = []): SessionSummary => ({
  id,
  projectId: id,
  projectName: id,
  projectPath: `/code/${id}`,
  state,
  model: 'm',
  permissionMode: 'default',
  lastActivityAt,
  costUsd: 0,
  pendingApprovals: approvals.map((createdAt, i) => ({ id: `${id}-${i}`, sessionId: id, projectName: id, tool: 'Bash', summary: 'Bash ls', createdAt, expiresAt: createdAt })),
  allowedForSession: [],
});

test('session events add, replace and remove sessions', () => {
  let state = liveReducer(EMPTY_LIVE, { type: 'sessions', sessions: [session('a', 'idle', null)] });
  state = liveReducer(state, { type: 'event', event: { type: 'session', session: session('b', 'active', '2025-01-01T00:00:00Z') } });
  state = liveReducer(state, { type: 'event', event: { type: 'session', session: session('a', 'crashed', '2025-01-01T00:01:00Z') } });
  assert.deepEqual(state.sessions.map((s) => `${s.id}:${s.state}`), ['a:crashed', 'b:active']);
  state = liveReducer(state, { type: 'event', event: { type: 'session-removed', sessionId: 'b' } });
  assert.deepEqual(state.sessions.map((s) => s.id), ['a']);
});

test('crashed first, then the most recently active, stopped ones last', () => {
  const order = sessionsForDisplay([
    session('old', 'idle', '2025-01-01T00:00:00Z'),
    session('stopped', 'terminated', '2025-01-03T00:00:00Z'),
    session('new', 'active', '2025-01-02T00:00:00Z'),
    session('broken', 'crashed', '2024-12-01T00:00:00Z'),
  ]).map((s) => s.id);
  assert.deepEqual(order, ['broken', 'new', 'old', 'stopped']);
});

test('approvals from all sessions, oldest first', () => {
  const approvals = pendingApprovals([session('a', 'active', null, ['2025-01-01T00:02:00Z']), session('b', 'active', null, ['2025-01-01T00:01:00Z'])]);
  assert.deepEqual(approvals.map((a) => a.id), ['b-0', 'a-0']);
});

test('the demo phone exists only once the daemon sends its messages (npm run demo)', () => {
  assert.equal(EMPTY_LIVE.demoPhone, undefined, 'no demo phone: no panel');
  const message = { id: 'owner-1', from: 'owner' as const, body: 'hi', at: '2025-01-01T00:00:00Z', notified: false, edited: false };
  const state = liveReducer(EMPTY_LIVE, { type: 'event', event: { type: 'demo-phone', messages: [message] } });
  assert.deepEqual(state.demoPhone, [message]);
});

test('turn-progress events ride on their session: set while a turn runs, gone when it ends, other sessions untouched', () => {
  const turn = { turnId: 't', startedAt: '2025-01-01T00:00:00Z', phase: 'tool' as const, steps: 2, tool: { name: 'Bash', line: '🔧 Bash ls', startedAt: '2025-01-01T00:00:01Z' }, resumed: false };
  let state = liveReducer(EMPTY_LIVE, { type: 'sessions', sessions: [session('a', 'active', null), session('b', 'idle', null)] });
  state = liveReducer(state, { type: 'event', event: { type: 'turn-progress', sessionId: 'a', turn } });
  assert.deepEqual(state.sessions.map((s) => s.turn?.tool?.name ?? '-'), ['Bash', '-']);
  state = liveReducer(state, { type: 'event', event: { type: 'turn-progress', sessionId: 'a', turn: null } });
  assert.deepEqual(state.sessions.map((s) => 'turn' in s), [false, false]);
});
