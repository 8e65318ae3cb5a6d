// The API contract (shared/api.ts) implemented over the daemon's services. Transport-free: the
// headless HTTP server and the Electron IPC bridge both call these.
import type { ApiRequest, ApiResponse, ApiRouteName } from '../shared/api.js';
import type { Daemon } from './daemon.js';

export type ApiHandlers = { [K in ApiRouteName]: (request: ApiRequest<K>) => Promise<ApiResponse<K>> };

export function createApiHandlers(daemon: Daemon): ApiHandlers {
  return {
    status: async () => daemon.status(),
    pairing: async () => ({ url: null, state: daemon.status().signal.state }),
    sessions: async () => ({ sessions: [] }),
  };
}
