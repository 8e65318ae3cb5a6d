// The REST-style requests this client makes over a chat websocket (libsignal's fetch), behind
// a small interface so key management and sending do not care which connection carries them.
import type { ChatConnection } from '@signalapp/libsignal-client/dist/net/Chat.js';
import { SignalError } from '../errors.js';

export interface ChatResponse {
  readonly status: number;
  readonly body: Uint8Array | undefined;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

export interface ChatRequestOptions {
  readonly json?: unknown;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly timeoutMs?: number;
}

export interface ChatApi {
  request(verb: string, path: string, options?: ChatRequestOptions): Promise<ChatResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Sends one request on a libsignal chat connection. Network failures become SIGNAL_NETWORK. */
export async function chatRequest(connection: Pick<ChatConnection, 'fetch'>, verb: string, path: string, options: ChatRequestOptions = {}): Promise<ChatResponse> {
  const headers: Array<[string, string]> = options.headers ? options.headers.map(([k, v]) => [k, v]) : [];
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (options.json !== undefined) {
    headers.push(['content-type', 'application/json']);
    body = new Uint8Array(Buffer.from(JSON.stringify(options.json), 'utf8'));
  }
  try {
    const response = await connection.fetch({ verb, path, headers, body, timeoutMillis: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    return { status: response.status, body: response.body, headers: response.headers };
  } catch (error) {
    throw new SignalError('SIGNAL_NETWORK', `The Signal server did not answer ${verb} ${path.split('?')[0]} (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

/** A response header by name (case-insensitive). */
export function header(response: ChatResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return response.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}
