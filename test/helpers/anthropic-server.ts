// A real HTTP server on 127.0.0.1 that speaks the Anthropic Messages streaming protocol and
// plays scripted responses, one per request, for tests and benchmarks.
//
//   - SSE with `event:` lines, pings, message_start/content_block_*/message_delta/message_stop;
//     text in small text_delta chunks, tool_use input as partial_json pieces, thinking as
//     thinking_delta pieces and a signature_delta.
//   - usage with cache fields from a simulated prompt cache: prefixes up to each cache_control
//     breakpoint are stored; a later request hits the longest stored prefix found within 20
//     blocks before one of its breakpoints, as the API does. Tokens ≈ JSON characters / 4.
//   - anthropic-ratelimit-* headers on every response.
//   - faults: error statuses (429 with retry-after, 529, 500…), a stream cut mid-message, an
//     `error` event mid-stream (overloaded_error, api_error), malformed SSE, a connection that hangs (before or after headers), an early clean end.
//   - every request is recorded (path, headers, parsed body) so tests can assert on tool_result
//     placement and cache_control breakpoints.
//   - POST /v1/messages/count_tokens, or a 404 when it is switched off.
//   - GET /v1/models (one page of the models the app knows), or a 404 when it is switched off.
//   - with `apiKeys`, a request whose key (x-api-key or bearer) is not among them gets the API's 401.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptBlock =
  | { type: 'text'; text: string }
  /** Extended thinking: streamed as thinking_delta pieces, then one signature_delta, as the API does. */
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string }
  /** Anthropic's web search, run on the server: a server_tool_use block, then its web_search_tool_result (results, or an error code). */
  | { type: 'web_search'; query: string; results?: { url: string; title: string }[]; errorCode?: string; id?: string };

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

export interface UsageOverride {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

export interface MessageScript {
  kind: 'message';
  content: ScriptBlock[];
  /** Default: tool_use when the content has a tool_use block, else end_turn. */
  stopReason?: StopReason;
  /** Replaces the simulated figures. */
  usage?: UsageOverride;
  /** Characters per text_delta (default 12). */
  chunkChars?: number;
  /** Pause between events (ms), for slow streams. */
  delayMs?: number;
  /** For a tool_use block cut by max_tokens: leave the last block open (no content_block_stop). */
  leaveLastBlockOpen?: boolean;
}

export type Script =
  | MessageScript
  | { kind: 'error'; status: number; type?: string; message?: string; retryAfterSec?: number; headers?: Record<string, string> }
  /** Writes `afterEvents` SSE events of the message, then destroys the connection. */
  | { kind: 'cut'; message: MessageScript; afterEvents: number }
  /** Writes `afterEvents` events, then an event whose data is not JSON, then ends. */
  | { kind: 'malformed'; message: MessageScript; afterEvents: number }
  /** Writes headers and `afterEvents` events, then nothing until the client gives up. */
  | { kind: 'hang'; message?: MessageScript; afterEvents?: number }
  /** Never even sends headers. */
  | { kind: 'hang-before-headers' }
  /** Writes `afterEvents` events and ends the response cleanly, without message_stop. */
  | { kind: 'end-early'; message: MessageScript; afterEvents: number }
  /** Writes `afterEvents` events, then an `error` event (e.g. overloaded_error), then ends, as the API does. */
  | { kind: 'stream-error'; message: MessageScript; afterEvents: number; errorType: string };

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: RequestBody;
  /** Simulated usage reported for it (messages requests). */
  usage?: Required<UsageOverride>;
}

/** The parts of a Messages request tests look at. */
export interface RequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | { type: 'text'; text: string; cache_control?: unknown }[];
  tools?: { name: string; cache_control?: unknown; [k: string]: unknown }[];
  messages: { role: 'user' | 'assistant'; content: string | ({ type: string; cache_control?: unknown; [k: string]: unknown })[] }[];
  thinking?: { type: string; budget_tokens?: number };
  output_config?: { effort?: string };
}

export type Responder = Script | ((request: RecordedRequest, index: number) => Script);

export interface ServerOptions {
  countTokens?: boolean;
  /** When given, only these keys are accepted (others get 401 authentication_error, as the API answers). */
  apiKeys?: readonly string[];
  /** false: GET /v1/models answers 404, as an Anthropic-compatible endpoint without it would. */
  models?: boolean;
  /** Values for the anthropic-ratelimit-* headers (remaining counts down per request). */
  rateLimit?: { requests: number; inputTokens: number; outputTokens: number; resetInSec: number };
}

/** The key a request carries: x-api-key, or a bearer token (what the SDK sends now). */
export function apiKeyOf(headers: IncomingMessage['headers']): string | undefined {
  const key = headers['x-api-key'];
  if (typeof key === 'string') return key;
  const auth = headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

export const text = (t: string): ScriptBlock => ({ type: 'text', text: t });
export const thinking = (t: string, signature = `sig-${createHash('sha256').update(t).digest('hex').slice(0, 16)}`): ScriptBlock => ({ type: 'thinking', thinking: t, signature });
export const toolUse = (name: string, input: Record<string, unknown>, id?: string): ScriptBlock => ({ type: 'tool_use', name, input, ...(id ? { id } : {}) });
export const webSearch = (query: string, results: { url: string; title: string }[] = [], errorCode?: string): ScriptBlock => ({ type: 'web_search', query, results, ...(errorCode ? { errorCode } : {}) });
export const reply = (content: ScriptBlock[], extra: Partial<MessageScript> = {}): MessageScript => ({ kind: 'message', content, ...extra });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Canonical blocks of a request in cache-prefix order: tools → system → messages. */
export function canonicalBlocks(body: RequestBody): { json: string; cached: boolean }[] {
  const out: { json: string; cached: boolean }[] = [];
  const strip = (b: object): string => {
    const { cache_control: _cc, ...rest } = b as { cache_control?: unknown };
    return JSON.stringify(rest);
  };
  for (const t of body.tools ?? []) out.push({ json: `tool:${strip(t)}`, cached: t.cache_control !== undefined });
  const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
  for (const s of system) out.push({ json: `system:${strip(s)}`, cached: s.cache_control !== undefined });
  body.messages.forEach((m, i) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    for (const b of blocks) out.push({ json: `${i}:${m.role}:${strip(b)}`, cached: (b as { cache_control?: unknown }).cache_control !== undefined });
  });
  return out;
}

export const tokensOf = (json: string): number => Math.ceil(json.length / 4);

export class AnthropicTestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Responder[] = [];
  private readonly cache = new Set<string>();
  private readonly open = new Set<ServerResponse>();
  private requestCount = 0;
  /** Used when the queue is empty. Default: a 500 saying so (a test forgot a script). */
  fallback: Responder | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: ServerOptions,
  ) {}

  static async start(options: ServerOptions = {}): Promise<AnthropicTestServer> {
    const holder: { self?: AnthropicTestServer } = {};
    const server = createServer((req, res) => {
      void holder.self?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.self = new AnthropicTestServer(server, `http://127.0.0.1:${port}`, options);
    return holder.self;
  }

  /** Queues responses for the next requests to /v1/messages, in order. */
  enqueue(...responders: Responder[]): this {
    this.queue.push(...responders);
    return this;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Requests to /v1/messages only. */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/messages');
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '').split('?')[0] ?? '';
    let body: RequestBody;
    try {
      const raw = Buffer.concat(chunks).toString('utf8');
      body = (req.method === 'GET' && raw === '' ? {} : JSON.parse(raw)) as RequestBody;
    } catch {
      this.json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'body is not JSON' } });
      return;
    }
    const recorded: RecordedRequest = { path, headers: req.headers, body };
    this.requests.push(recorded);
    if (this.options.apiKeys && !this.options.apiKeys.includes(apiKeyOf(req.headers) ?? '')) {
      this.json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      return;
    }
    if (path === '/v1/models' && req.method === 'GET') {
      if (this.options.models === false) {
        this.json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
        return;
      }
      const model = { type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-01-01T00:00:00Z' };
      this.json(res, 200, { data: [model], has_more: false, first_id: model.id, last_id: model.id });
      return;
    }
    if (path === '/v1/messages/count_tokens') {
      if (!this.options.countTokens) {
        this.json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
        return;
      }
      const tokens = canonicalBlocks(body).reduce((n, b) => n + tokensOf(b.json), 0);
      this.json(res, 200, { input_tokens: tokens });
      return;
    }
    if (path !== '/v1/messages' || req.method !== 'POST') {
      this.json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `No route ${path}` } });
      return;
    }
    const index = this.requestCount++;
    const responder = this.queue.shift() ?? this.fallback;
    if (!responder) {
      this.json(res, 500, { type: 'error', error: { type: 'api_error', message: `no scripted response for request #${index}` } });
      return;
    }
    const script = typeof responder === 'function' ? responder(recorded, index) : responder;
    await this.play(script, recorded, res);
  }

  private rateLimitHeaders(): Record<string, string> {
    const rl = this.options.rateLimit ?? { requests: 4000, inputTokens: 2_000_000, outputTokens: 400_000, resetInSec: 60 };
    const reset = new Date(Date.now() + rl.resetInSec * 1000).toISOString();
    const used = this.requestCount;
    return {
      'anthropic-ratelimit-requests-limit': String(rl.requests),
      'anthropic-ratelimit-requests-remaining': String(Math.max(0, rl.requests - used)),
      'anthropic-ratelimit-requests-reset': reset,
      'anthropic-ratelimit-input-tokens-limit': String(rl.inputTokens),
      'anthropic-ratelimit-input-tokens-remaining': String(rl.inputTokens),
      'anthropic-ratelimit-input-tokens-reset': reset,
      'anthropic-ratelimit-output-tokens-limit': String(rl.outputTokens),
      'anthropic-ratelimit-output-tokens-remaining': String(rl.outputTokens),
      'anthropic-ratelimit-output-tokens-reset': reset,
    };
  }

  private json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${this.requests.length}`, ...this.rateLimitHeaders(), ...headers });
    res.end(JSON.stringify(payload));
  }

  /** Simulated prompt cache: returns usage and stores this request's breakpoint prefixes. */
  private simulateUsage(body: RequestBody, outputChars: number): Required<UsageOverride> {
    const blocks = canonicalBlocks(body);
    const hashes: string[] = [];
    const tokens: number[] = [];
    let h = '';
    let sum = 0;
    for (const b of blocks) {
      h = createHash('sha256').update(h).update(b.json).digest('hex');
      hashes.push(h);
      sum += tokensOf(b.json);
      tokens.push(sum);
    }
    const breakpoints = blocks.flatMap((b, i) => (b.cached ? [i] : []));
    let hit = -1;
    for (const bp of breakpoints) {
      for (let j = bp; j >= Math.max(0, bp - 20); j--) {
        if (this.cache.has(hashes[j] as string)) {
          hit = Math.max(hit, j);
          break;
        }
      }
    }
    const lastBp = breakpoints.length ? (breakpoints[breakpoints.length - 1] as number) : -1;
    for (const bp of breakpoints) this.cache.add(hashes[bp] as string);
    const read = hit >= 0 ? (tokens[hit] as number) : 0;
    const written = lastBp > hit ? (tokens[lastBp] as number) - read : 0;
    return {
      input_tokens: sum - read - written,
      cache_read_input_tokens: read,
      cache_creation_input_tokens: written,
      output_tokens: Math.max(1, Math.ceil(outputChars / 4)),
    };
  }

  private usageFor(script: MessageScript, recorded: RecordedRequest): Required<UsageOverride> {
    const outputChars = script.content.reduce((n, b) => n + (b.type === 'text' ? b.text.length : b.type === 'thinking' ? b.thinking.length : b.type === 'web_search' ? b.query.length : JSON.stringify(b.input).length), 0);
    const usage = { ...this.simulateUsage(recorded.body, outputChars), ...script.usage };
    recorded.usage = usage;
    return usage;
  }

  /** The SSE events of a scripted message, each as the text to write. */
  private events(script: MessageScript, recorded: RecordedRequest): string[] {
    const model = recorded.body.model;
    const usage = this.usageFor(script, recorded);
    const ev = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const out: string[] = [];
    out.push(
      ev('message_start', {
        message: {
          id: `msg_${this.requestCount}`,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens, output_tokens: 1 },
        },
      }),
    );
    out.push(ev('ping', {}));
    const chunk = script.chunkChars ?? 12;
    // A web search is two blocks on the wire: the server's call and its result.
    type Wire = Exclude<ScriptBlock, { type: 'web_search' }> | { type: 'server_tool_use'; id: string; query: string } | { type: 'web_search_tool_result'; id: string; content: unknown };
    const wire: Wire[] = script.content.flatMap((block, i): Wire[] => {
      if (block.type !== 'web_search') return [block];
      const id = block.id ?? `srvtoolu_${this.requestCount}_${i}`;
      const content = block.errorCode
        ? { type: 'web_search_tool_result_error', error_code: block.errorCode }
        : (block.results ?? []).map((r) => ({ type: 'web_search_result', url: r.url, title: r.title, encrypted_content: Buffer.from(r.url).toString('base64'), page_age: null }));
      return [{ type: 'server_tool_use', id, query: block.query }, { type: 'web_search_tool_result', id, content }];
    });
    wire.forEach((block, index) => {
      const last = index === wire.length - 1;
      if (block.type === 'text') {
        out.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
        for (let i = 0; i < block.text.length; i += chunk) out.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: block.text.slice(i, i + chunk) } }));
      } else if (block.type === 'thinking') {
        out.push(ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
        for (let i = 0; i < block.thinking.length; i += chunk) out.push(ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.thinking.slice(i, i + chunk) } }));
        out.push(ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }));
      } else if (block.type === 'server_tool_use') {
        out.push(ev('content_block_start', { index, content_block: { type: 'server_tool_use', id: block.id, name: 'web_search', input: {} } }));
        out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ query: block.query }) } }));
      } else if (block.type === 'web_search_tool_result') {
        out.push(ev('content_block_start', { index, content_block: { type: 'web_search_tool_result', tool_use_id: block.id, content: block.content } }));
      } else {
        const id = block.id ?? `toolu_${this.requestCount}_${index}`;
        out.push(ev('content_block_start', { index, content_block: { type: 'tool_use', id, name: block.name, input: {} } }));
        const json = JSON.stringify(block.input);
        for (let i = 0; i < json.length; i += 10) out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 10) } }));
      }
      if (!(last && script.leaveLastBlockOpen)) out.push(ev('content_block_stop', { index }));
      if (index % 3 === 2) out.push(ev('ping', {}));
    });
    const stopReason = script.stopReason ?? (script.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const searches = script.content.filter((b) => b.type === 'web_search').length;
    out.push(ev('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens, ...(searches ? { server_tool_use: { web_search_requests: searches } } : {}) } }));
    out.push(ev('message_stop', {}));
    return out;
  }

  private startStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': `req_${this.requests.length}`,
      ...this.rateLimitHeaders(),
    });
    res.flushHeaders();
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
  }

  private async write(res: ServerResponse, events: string[], delayMs = 0): Promise<boolean> {
    for (const e of events) {
      if (res.destroyed) return false;
      res.write(e);
      if (delayMs > 0) await sleep(delayMs);
    }
    return !res.destroyed;
  }

  private async play(script: Script, recorded: RecordedRequest, res: ServerResponse): Promise<void> {
    switch (script.kind) {
      case 'error': {
        const headers: Record<string, string> = { ...script.headers };
        if (script.retryAfterSec !== undefined) headers['retry-after'] = String(script.retryAfterSec);
        const type = script.type ?? (script.status === 429 ? 'rate_limit_error' : script.status === 529 ? 'overloaded_error' : script.status >= 500 ? 'api_error' : 'invalid_request_error');
        this.json(res, script.status, { type: 'error', error: { type, message: script.message ?? type } }, headers);
        return;
      }
      case 'hang-before-headers':
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        return;
      case 'message': {
        if (recorded.body.stream !== true) {
          this.json(res, 200, this.nonStreaming(script, recorded));
          return;
        }
        this.startStream(res);
        if (await this.write(res, this.events(script, recorded), script.delayMs)) res.end();
        return;
      }
      case 'cut':
      case 'end-early':
      case 'malformed':
      case 'stream-error':
      case 'hang': {
        this.startStream(res);
        const message = script.message ?? reply([text('…')]);
        const all = this.events(message, recorded);
        const n = script.afterEvents ?? 1;
        if (!(await this.write(res, all.slice(0, n), message.delayMs))) return;
        // Let the client read what was sent before the connection drops, as in real cuts.
        if (script.kind === 'cut') setTimeout(() => res.socket?.destroy(), 50);
        else if (script.kind === 'end-early') res.end();
        else if (script.kind === 'stream-error') {
          res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: script.errorType, message: script.errorType === 'overloaded_error' ? 'Overloaded' : 'Internal server error' } })}\n\n`);
          res.end();
        } else if (script.kind === 'malformed') {
          res.write('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops"\n\n');
          res.end();
        }
        // hang: leave it open; close() destroys it.
        return;
      }
    }
  }

  private nonStreaming(script: MessageScript, recorded: RecordedRequest): object {
    return {
      id: `msg_${this.requestCount}`,
      type: 'message',
      role: 'assistant',
      model: recorded.body.model,
      content: script.content.map((b, i) => (b.type === 'text' || b.type === 'thinking' ? b : b.type === 'web_search' ? { type: 'server_tool_use', id: b.id ?? `srvtoolu_${this.requestCount}_${i}`, name: 'web_search', input: { query: b.query } } : { type: 'tool_use', id: b.id ?? `toolu_${this.requestCount}_${i}`, name: b.name, input: b.input })),
      stop_reason: script.stopReason ?? (script.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      usage: this.usageFor(script, recorded),
    };
  }
}
