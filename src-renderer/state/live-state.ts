// The app-wide live picture (status, sessions, pairing, preferences): the first answers of the
// API, kept current by events. Pure, so the order of fetches and events cannot tear it.
import type { ApiEvent, Approval, DemoPhoneMessage, Pairing, PreferencesView, SessionSummary, Status } from '../../src-main/shared/api';

export interface LiveState {
  readonly status: Status | undefined;
  readonly sessions: readonly SessionSummary[];
  readonly pairing: Pairing | undefined;
  readonly preferences: PreferencesView | undefined;
  /** Only under `npm run demo`: the simulated phone's Note to Self (undefined: no demo phone, no panel). */
  readonly demoPhone: readonly DemoPhoneMessage[] | undefined;
}

export type LiveAction =
  | { type: 'event'; event: ApiEvent }
  | { type: 'status'; status: Status }
  | { type: 'sessions'; sessions: SessionSummary[] }
  | { type: 'pairing'; pairing: Pairing }
  | { type: 'preferences'; preferences: PreferencesView };

export const EMPTY_LIVE: LiveState = { status: undefined, sessions: [], pairing: undefined, preferences: undefined, demoPhone: undefined };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'status':
      return { ...state, status: action.status };
    case 'sessions':
      return { ...state, sessions: action.sessions };
    case 'pairing':
      return { ...state, pairing: action.pairing };
    case 'preferences':
      return { ...state, preferences: action.preferences };
    case 'event':
      return applyEvent(state, action.event);
  }
}

function applyEvent(state: LiveState, event: ApiEvent): LiveState {
  switch (event.type) {
    case 'status':
      return { ...state, status: event.status };
    case 'pairing':
      return { ...state, pairing: event.pairing };
    case 'preferences':
      return { ...state, preferences: event.preferences };
    case 'session': {
      const i = state.sessions.findIndex((s) => s.id === event.session.id);
      const sessions = i < 0 ? [...state.sessions, event.session] : state.sessions.map((s, j) => (j === i ? event.session : s));
      return { ...state, sessions };
    }
    case 'turn-progress': {
      // The running turn's activity rides on its session, so every view sees the same picture.
      const sessions = state.sessions.map((s) => {
        if (s.id !== event.sessionId) return s;
        const { turn: _old, ...rest } = s;
        return event.turn ? { ...rest, turn: event.turn } : rest;
      });
      return { ...state, sessions };
    }
    case 'session-removed':
      return { ...state, sessions: state.sessions.filter((s) => s.id !== event.sessionId) };
    case 'demo-phone':
      return { ...state, demoPhone: event.messages };
    default:
      // Transcript text belongs to the session view.
      return state;
  }
}

/** Crashed sessions first (they need the owner), then the most recently active. */
export function sessionsForDisplay(sessions: readonly SessionSummary[]): SessionSummary[] {
  const rank = (s: SessionSummary) => (s.state === 'crashed' ? 0 : s.state === 'terminated' ? 2 : 1);
  return [...sessions].sort((a, b) => rank(a) - rank(b) || (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''));
}

export function pendingApprovals(sessions: readonly SessionSummary[]): Approval[] {
  return sessions.flatMap((s) => s.pendingApprovals).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
