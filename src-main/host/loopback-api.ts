// The loopback API and dashboard of a running daemon, shared by the headless CLI and the
// Electron app (which serves it too, so `signal-claude status` and a browser work there).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../shared/logger.js';
import type { ApiHandlers } from '../daemon/api-handlers.js';
import type { Daemon } from '../daemon/daemon.js';
import type { DataDirLock } from '../daemon/lock.js';
import { ApiHttpServer } from './http-server.js';

export interface LoopbackApiOptions {
  readonly daemon: Daemon;
  readonly handlers: ApiHandlers;
  /** The app's root folder (dist-renderer/ lives there). */
  readonly root: string;
  readonly port: number;
  readonly lock: DataDirLock;
  readonly logger: Logger;
}

/** Listens on 127.0.0.1 with a fresh token and records port and token in the lock file. */
export async function openLoopbackApi(options: LoopbackApiOptions): Promise<ApiHttpServer> {
  const { daemon } = options;
  const token = randomBytes(24).toString('base64url');
  const server = new ApiHttpServer({
    handlers: options.handlers,
    events: daemon.events,
    snapshot: () => daemon.snapshot(),
    token,
    rendererRoot: join(options.root, 'dist-renderer'),
    logger: options.logger.child({ mod: 'http' }),
  });
  const port = await server.listen(options.port);
  options.lock.update({ port, token });
  return server;
}
