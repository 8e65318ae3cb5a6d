// What every IPC call goes through in the main process, free of Electron so it is tested in
// plain Node: who sent it (only our renderer's frames), is the request well-formed (the route's
// schema), then the same handler the HTTP API uses; errors come back as data.
import { z } from 'zod';
import { API_ROUTES, type ApiRouteName, type IpcResult } from '../shared/api.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ApiHandlers } from '../daemon/api-handlers.js';
import { isTrustedSenderUrl } from './web-preferences.js';

export async function dispatchIpc(
  route: ApiRouteName,
  senderUrl: string | undefined,
  raw: unknown,
  handlers: ApiHandlers,
  logger: Logger,
): Promise<IpcResult<unknown>> {
  if (!isTrustedSenderUrl(senderUrl)) {
    logger.warn({ mod: 'ipc', route, sender: senderUrl }, 'refused IPC from a frame that is not ours');
    return { ok: false, error: { code: 'API_FORBIDDEN', message: 'This window may not use the app.' } };
  }
  const parsed = (API_ROUTES[route].request as z.ZodType).safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'API_BAD_REQUEST', message: `Bad request for ${route}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}.` } };
  }
  try {
    const handler = handlers[route] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.toUserLine() } };
    logger.error({ mod: 'ipc', route, err: error }, 'IPC handler failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'Internal error; see the log file.' } };
  }
}
