// The live picture for every view: subscribes to events first (so nothing is missed), then
// loads status, sessions, pairing and preferences once. Views read it with useLive().
import { createContext, useCallback, useContext, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import type { ApiEvent } from '../../src-main/shared/api';
import type { ConnectionState, UiClient } from '../api/ui-client';
import { errorMessage } from '../api/api-error';
import { EMPTY_LIVE, liveReducer, type LiveState } from './live-state';

interface LiveContextValue extends LiveState {
  readonly client: UiClient;
  readonly connection: ConnectionState;
  /** Why the first load failed, if it did. */
  readonly loadError: string | undefined;
  /** Every event of the one live stream (views must not open streams of their own). */
  readonly onEvent: (listener: (event: ApiEvent) => void) => () => void;
}

const STATUS_REFRESH_MS = 30_000;

const LiveContext = createContext<LiveContextValue | null>(null);

export function LiveProvider({ client, children }: { client: UiClient; children: ReactNode }) {
  const [state, dispatch] = useReducer(liveReducer, EMPTY_LIVE);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [loadError, setLoadError] = useState<string | undefined>();
  const listeners = useRef(new Set<(event: ApiEvent) => void>());
  const onEvent = useCallback((listener: (event: ApiEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  useEffect(() => {
    const unsubscribe = client.subscribe((event) => {
      dispatch({ type: 'event', event });
      for (const listener of listeners.current) listener(event);
    });
    const offConnection = client.onConnection(setConnection);
    let cancelled = false;
    void (async () => {
      try {
        const [status, sessions, pairing, preferences] = await Promise.all([
          client.call('status', {}),
          client.call('sessions', {}),
          client.call('pairing', {}),
          client.call('preferences', {}),
        ]);
        if (cancelled) return;
        dispatch({ type: 'status', status });
        dispatch({ type: 'sessions', sessions: sessions.sessions });
        dispatch({ type: 'pairing', pairing });
        dispatch({ type: 'preferences', preferences });
        setLoadError(undefined);
      } catch (error) {
        if (!cancelled) setLoadError(errorMessage(error));
      }
    })();
    // Health has no event of its own yet; a slow refresh keeps the status line honest.
    const refresh = setInterval(() => {
      client.call('status', {}).then((status) => dispatch({ type: 'status', status }), () => undefined);
    }, STATUS_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(refresh);
      unsubscribe();
      offConnection();
    };
  }, [client]);

  return <LiveContext.Provider value={{ ...state, client, connection, loadError, onEvent }}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive() outside <LiveProvider>');
  return value;
}

/** Re-renders every `intervalMs` so "2 min ago" stays true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A button's request: at most one at a time, with its error kept for the owner to read. */
export function useAction(): { busy: boolean; error: string | undefined; run: (action: () => Promise<unknown>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
