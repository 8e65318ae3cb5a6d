// The loopback HTTP server of the running app (headless and Electron alike): the API contract
// as JSON routes, live events as server-sent events, and the built renderer. Bound to 127.0.0.1
// only; every API request needs the start-up token; a Host other than this machine is refused (DNS rebinding).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { API_ROUTES, type ApiEvent, type ApiRouteName, type ErrorBody } from '../shared/api.js';
import { AppError, DaemonError, describeError, systemErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ApiHandlers } from '../daemon/api-handlers.js';
import type { EventBus } from '../daemon/event-bus.js';
import { isAllowedHost, presentedToken, tokenMatches } from './http-auth.js';
import { loadStaticFile, PAGE_CSP } from './static-files.js';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

export interface HttpServerOptions {
  readonly handlers: ApiHandlers;
  readonly events: EventBus;
  /** Events a new SSE subscriber gets first, so it starts from the current state. */
  readonly snapshot: () => ApiEvent[];
  readonly token: string;
  readonly rendererRoot: string;
  readonly logger: Logger;
}

interface CompiledRoute {
  readonly name: ApiRouteName;
  readonly method: string;
  readonly pattern: RegExp;
  readonly params: string[];
}

const ROUTES: CompiledRoute[] = Object.entries(API_ROUTES).map(([name, route]) => {
  const params: string[] = [];
  const pattern = new RegExp(
    `^${route.path.replace(/:([A-Za-z]+)/g, (_m, p: string) => {
      params.push(p);
      return '([^/]+)';
    })}$`,
  );
  return { name: name as ApiRouteName, method: route.method, pattern, params };
});

const STATUS_FOR: Partial<Record<AppError['code'], number>> = {
  API_BAD_REQUEST: 400,
  CHAT_UNKNOWN_COMMAND: 400,
  CONFIG_INVALID: 400,
  API_UNAUTHORIZED: 401,
  API_FORBIDDEN: 403,
  API_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  SESSION_STATE: 409,
  SIGNAL_RATE_LIMITED: 429,
  SIGNAL_NETWORK: 503,
  NOT_AVAILABLE: 503,
  ANTHROPIC_KEY_REJECTED: 422,
  ANTHROPIC_UNAVAILABLE: 503,
};

export class ApiHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly sseClosers = new Set<() => void>();
  private port = 0;

  constructor(private readonly options: HttpServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.fail(res, error));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 only; resolves with the real port (for --port 0). */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: unknown) => {
        const code = systemErrorCode(error);
        reject(
          code === 'EADDRINUSE'
            ? new DaemonError('PORT_IN_USE', `Port ${port} on ${LOOPBACK} is already in use.`, { hint: 'Pick another with --port, or --port 0 for a free one.' })
            : new DaemonError('INTERNAL', `Cannot listen on ${LOOPBACK}:${port} (${code ?? describeError(error)}).`),
        );
      };
      this.server.once('error', onError);
      this.server.listen(port, LOOPBACK, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolve(this.port);
      });
    });
  }

  get url(): string {
    return `http://${LOOPBACK}:${this.port}/?token=${this.options.token}`;
  }

  async close(): Promise<void> {
    for (const close of this.sseClosers) close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!isAllowedHost(req.headers.host, this.port)) {
      this.sendError(res, 403, 'API_FORBIDDEN', 'This server only answers requests addressed to 127.0.0.1 or localhost.');
      return;
    }
    // The request target is a path; "//x" must not be read as a URL naming host x (and "//" alone
    // would not parse at all).
    const target = req.url ?? '/';
    let url: URL;
    try {
      url = new URL(`http://${LOOPBACK}:${this.port}${target.startsWith('/') ? target : `/${target}`}`);
    } catch {
      this.sendError(res, 400, 'API_BAD_REQUEST', 'The request address is not valid.');
      return;
    }
    const presented = presentedToken(req, url);
    const authorized = tokenMatches(presented, this.options.token);

    if (!url.pathname.startsWith('/api/')) {
      await this.serveRenderer(req, res, url, presented === undefined || authorized);
      return;
    }
    if (!authorized) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      this.sendError(res, 401, 'API_UNAUTHORIZED', 'Missing or wrong token: use the Dashboard URL printed at start-up.');
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      this.serveEvents(req, res);
      return;
    }
    const match = this.match(req.method ?? 'GET', url.pathname);
    if (!match) {
      this.sendError(res, 404, 'API_NOT_FOUND', `No API route ${req.method} ${url.pathname}.`);
      return;
    }
    const raw = { ...(match.route.method === 'GET' ? queryObject(url) : await readJsonBody(req)), ...match.params };
    const schema = API_ROUTES[match.route.name].request as z.ZodType;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.sendError(res, 400, 'API_BAD_REQUEST', `Bad request for ${match.route.name}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}.`);
      return;
    }
    const handler = this.options.handlers[match.route.name] as (request: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    sendJson(res, 200, result);
  }

  private match(method: string, pathname: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
    for (const route of ROUTES) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.params.forEach((p, i) => (params[p] = decodeParam(m[i + 1] ?? '')));
      return { route, params };
    }
    return undefined;
  }

  private serveEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const send = (event: ApiEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    for (const event of this.options.snapshot()) send(event);
    const unsubscribe = this.options.events.subscribe(send);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
    const close = () => {
      clearInterval(keepalive);
      unsubscribe();
      this.sseClosers.delete(close);
      res.end();
    };
    this.sseClosers.add(close);
    req.on('close', close);
  }

  /**
   * The page and its assets are the same static build for everyone and carry no data: every
   * piece of data is behind the API, which needs the token. So the page is served without one
   * (a reload, after the page moved the token from the address bar into the tab's
   * sessionStorage, must work), but a token that is presented and wrong is refused, so a stale
   * or mistyped Dashboard URL says so at once. No cookie: cookies are not kept apart by port, so
   * every other server on 127.0.0.1 would be sent it, and a page on another local port counts
   * as same-site and could ride it (CSRF) — a token the page sends explicitly has neither problem.
   */
  private async serveRenderer(req: IncomingMessage, res: ServerResponse, url: URL, acceptable: boolean): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.sendError(res, 405, 'API_BAD_REQUEST', 'Only GET is served here.');
      return;
    }
    if (!acceptable) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Signal Claude: this access token is not (or no longer) valid. Open the Dashboard URL printed when the daemon started.\n');
      return;
    }
    const file = await loadStaticFile(this.options.rendererRoot, url.pathname);
    res.writeHead(file.status, { 'Content-Type': file.type, 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'DENY' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (error instanceof AppError) {
      this.sendError(res, STATUS_FOR[error.code] ?? 500, error.code, error.toUserLine());
      return;
    }
    this.options.logger.error({ mod: 'http', err: error }, 'request failed');
    this.sendError(res, 500, 'INTERNAL', 'Internal error; see the log file.');
  }

  private sendError(res: ServerResponse, status: number, code: string, message: string): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorBody = { error: { code, message } };
    sendJson(res, status, body);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A path parameter; a broken %-escape (e.g. "%E0%A4%A") is the caller's mistake, not ours. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('API_BAD_REQUEST', 'The request address has a malformed %-escape.');
  }
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'token') out[k] = v;
  return out;
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AppError('API_BAD_REQUEST', 'Request body too large (1 MiB at most).');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('API_BAD_REQUEST', 'Request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('API_BAD_REQUEST', 'Request body must be a JSON object.');
  return value as Record<string, unknown>;
}
