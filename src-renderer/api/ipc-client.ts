// The contract over the Electron preload bridge (window.signalClaude): one named IPC channel per
// route. Answers are checked against the same schemas as over HTTP.
import { API_ROUTES, ApiEventSchema, type ApiEvent, type ApiRequest, type ApiResponse, type ApiRouteName, type AppView, type DesktopBridge, type IpcResult } from '../../src-main/shared/api';
import { ApiError } from './api-error';
import type { ConnectionState, UiClient } from './ui-client';

export class IpcApiClient implements UiClient {
  readonly desktop = true;

  constructor(private readonly bridge: DesktopBridge) {}

  async call<K extends ApiRouteName>(route: K, request: ApiRequest<K>): Promise<ApiResponse<K>> {
    const send = this.bridge.api[route] as (request: ApiRequest<K>) => Promise<IpcResult<unknown>>;
    const result = await send(request);
    if (!result.ok) throw new ApiError(result.error.code, result.error.message);
    const parsed = API_ROUTES[route].response.safeParse(result.value);
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', `The app sent an answer this window does not understand (${route}).`);
    return parsed.data as ApiResponse<K>;
  }

  subscribe(onEvent: (event: ApiEvent) => void): () => void {
    return this.bridge.onEvent((raw) => {
      const parsed = ApiEventSchema.safeParse(raw);
      if (parsed.success) onEvent(parsed.data);
    });
  }

  /** In-process: the backend lives as long as the window. */
  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener('open');
    return () => undefined;
  }

  openView(view: AppView): void {
    void this.bridge.openView(view);
  }
}
