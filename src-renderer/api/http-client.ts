// The contract over HTTP + server-sent events (the headless daemon's page). Every answer is
// checked against the route's schema before a view sees it.
import { API_ROUTES, ApiEventSchema, ErrorBodySchema, routePath, type ApiEvent, type ApiRequest, type ApiResponse, type ApiRouteName, type AppView } from '../../src-main/shared/api';
import { ApiError } from './api-error';
import { hashForView, type ConnectionState, type UiClient } from './ui-client';

const RETRY_MS = 3000;

export class HttpApiClient implements UiClient {
  readonly desktop = false;
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private connection: ConnectionState = 'connecting';

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly navigate: (hash: string) => void,
  ) {}

  async call<K extends ApiRouteName>(route: K, request: ApiRequest<K>): Promise<ApiResponse<K>> {
    const def = API_ROUTES[route];
    const fields = request as Record<string, unknown>;
    const url = new URL(routePath(def.path, fields), this.base);
    const init: RequestInit = { method: def.method, headers: { Authorization: `Bearer ${this.token}` } };
    if (def.method === 'GET') {
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) url.searchParams.set(k, String(v));
    } else {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(fields);
    }
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch {
      throw new ApiError('UNREACHABLE', 'Signal Claude is not answering. Is it still running?');
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const error = ErrorBodySchema.safeParse(body);
      if (error.success) throw new ApiError(error.data.error.code, error.data.error.message);
      throw new ApiError(`HTTP_${res.status}`, `Signal Claude answered with HTTP ${res.status}.`);
    }
    const parsed = def.response.safeParse(body);
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', `Signal Claude sent an answer this page does not understand (${route}).`);
    return parsed.data as ApiResponse<K>;
  }

  subscribe(onEvent: (event: ApiEvent) => void): () => void {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      // EventSource cannot send headers; the token goes in the query, as for the page itself.
      source = new EventSource(new URL(`/api/events?token=${encodeURIComponent(this.token)}`, this.base));
      source.onopen = () => this.setConnection('open');
      source.onerror = () => {
        // The browser retries a dropped stream by itself, but gives up on an error answer;
        // then ask why, and try again a little later.
        if (source?.readyState !== EventSource.CLOSED) return this.setConnection('lost');
        void this.probe().then((state) => {
          this.setConnection(state);
          if (!stopped && state !== 'unauthorized') retry = setTimeout(open, RETRY_MS);
        });
      };
      source.onmessage = (message: MessageEvent<string>) => {
        let raw: unknown;
        try {
          raw = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = ApiEventSchema.safeParse(raw);
        if (parsed.success) onEvent(parsed.data);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }

  /** Is the daemon gone, or there but no longer accepting this page's token? */
  private async probe(): Promise<ConnectionState> {
    try {
      const res = await fetch(new URL('/api/status', this.base), { headers: { Authorization: `Bearer ${this.token}` } });
      return res.status === 401 ? 'unauthorized' : 'lost';
    } catch {
      return 'lost';
    }
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    listener(this.connection);
    return () => this.connectionListeners.delete(listener);
  }

  openView(view: AppView): void {
    this.navigate(hashForView(view));
  }

  private setConnection(state: ConnectionState): void {
    if (state === this.connection) return;
    this.connection = state;
    for (const l of this.connectionListeners) l(state);
  }
}
