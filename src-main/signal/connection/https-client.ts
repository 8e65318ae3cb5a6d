// Plain HTTPS requests outside the chat websocket: CDN downloads and uploads, and the credential
// check that tells "the phone removed this device" apart from a network problem. `ca` is
// required: each call trusts exactly the server config's CA (Signal's own root in production),
// never the system store, which does not know Signal's root.
import { request as httpsRequest } from 'node:https';
import { connect as http2Connect, constants as h2 } from 'node:http2';
import { SignalError } from '../errors.js';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface HttpOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: Uint8Array;
  /** The only CA trusted for this request (the server config's certificateAuthority). */
  readonly ca: string;
  /** Refuse (and stop reading) a response body larger than this. */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function httpRequest(url: string, options: HttpOptions): Promise<HttpResponse> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.body ? { 'content-length': options.body.byteLength, ...options.headers } : options.headers,
        ca: options.ca,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: options.signal,
      },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          res.destroy();
          reject(tooLarge(declared, maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) {
            res.destroy();
            reject(tooLarge(size, maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (error) => reject(networkError(url, error)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => reject(networkError(url, error)));
    req.end(options.body);
  });
}

/** One unary gRPC call over HTTP/2 (used where a server offers a route only through gRPC). */
export function grpcUnary(baseUrl: string, method: string, message: Uint8Array, options: { ca: string; headers?: Record<string, string>; timeoutMs?: number }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(baseUrl, { ca: options.ca });
    const fail = (error: unknown) => {
      session.close();
      reject(error instanceof SignalError ? error : networkError(`${baseUrl}/${method}`, error));
    };
    session.on('error', fail);
    const frame = Buffer.alloc(5 + message.byteLength);
    frame.writeUInt32BE(message.byteLength, 1);
    frame.set(message, 5);
    const stream = session.request({
      [h2.HTTP2_HEADER_METHOD]: 'POST',
      [h2.HTTP2_HEADER_PATH]: `/${method}`,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...options.headers,
    });
    stream.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => stream.close(h2.NGHTTP2_CANCEL));
    const chunks: Buffer[] = [];
    let grpcStatus: string | undefined;
    let grpcMessage: string | undefined;
    stream.on('trailers', (trailers) => {
      grpcStatus = String(trailers['grpc-status'] ?? '');
      grpcMessage = trailers['grpc-message'] === undefined ? undefined : decodeURIComponent(String(trailers['grpc-message']));
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', fail);
    stream.on('end', () => {
      session.close();
      const body = Buffer.concat(chunks);
      if (grpcStatus !== '0' || body.byteLength < 5) {
        reject(new SignalError('SIGNAL_NETWORK', `The server refused ${method} (gRPC status ${grpcStatus ?? 'none'}${grpcMessage ? `: ${grpcMessage}` : ''}).`));
        return;
      }
      const length = body.readUInt32BE(1);
      resolve(new Uint8Array(body.subarray(5, 5 + length)));
    });
    stream.end(frame);
  });
}

function tooLarge(size: number, limit: number): SignalError {
  return new SignalError('SIGNAL_ATTACHMENT', `The download is ${size} bytes, more than the limit of ${limit}.`);
}

function networkError(url: string, error: unknown): SignalError {
  const host = safeHost(url);
  const message = error instanceof Error ? error.message : String(error);
  return new SignalError('SIGNAL_NETWORK', `Could not reach ${host} (${message}).`, { cause: error });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
