// One streamed request to the Messages API on @anthropic-ai/sdk, with the retry policy:
//   429 / 529     reported to the shared limiter, which pauses every session for retry-after
//                 (or a back-off), then retried — up to maxRetries;
//   408/409/5xx,  retried after an exponential back-off, up to maxRetries;
//   no response,
//   error event   an overloaded_error / api_error / rate_limit_error event in the middle of the
//                 stream counts as the 529 / 500 / 429 it stands for (as Claude Code treats it);
//   stream cut    (connection lost, malformed data, no bytes for streamIdleTimeoutMs, or ended
//                 before message_stop): retried once from the last committed step, then reported.
// The SDK's own retries are off so that every attempt goes through the limiter.
import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { AgentLog } from './agent-log.js';
import { ApiStatusError, CancelledError, ConnectionError, StreamCutError } from './agent-errors.js';
import { sleep, type Clock, type TimerHandle } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { CachedMessage, TextBlockParamLike } from './context.js';
import { rateLimitHeaders, type PermitSource } from '../permits.js';
import { MalformedStreamError, MessageAssembler, type AssembledMessage } from './stream.js';
import type { Effort, ThinkingParam } from '../thinking.js';

/** Error events that can arrive mid-stream, as the HTTP status each would have had before it. */
const STREAM_ERROR_STATUS: Record<string, number> = { overloaded_error: 529, api_error: 500, rate_limit_error: 429, timeout_error: 504 };

export interface ModelRequest {
  readonly model: string;
  readonly max_tokens: number;
  readonly system: TextBlockParamLike[];
  readonly tools: readonly object[];
  readonly messages: CachedMessage[];
  readonly thinking?: ThinkingParam;
  readonly output_config?: { readonly effort: Effort };
}

export interface RetryNotice {
  readonly reason: string;
  readonly status?: number | undefined;
  readonly attempt: number;
  /** Text had already been relayed for the failed attempt (the display should drop it). */
  readonly hadOutput: boolean;
}

export interface ModelClientOptions {
  readonly apiKey: string;
  readonly baseUrl?: string | undefined;
  readonly permits: PermitSource;
  readonly clock: Clock;
  readonly log: AgentLog;
  readonly streamIdleTimeoutMs: number;
  readonly maxRetries: number;
  readonly baseBackoffMs?: number;
}

export class ModelClient {
  private client: Anthropic;
  /** Called on every byte received; restarts the current attempt's idle watchdog. */
  private touch: () => void = () => undefined;
  private countTokensMissing = false;
  /** The owner removed the key in the preferences: nothing is sent with the old one any more. */
  private keyRemoved = false;

  constructor(private readonly options: ModelClientOptions) {
    const watchedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      this.touch();
      if (!response.body) return response;
      const touch = (): void => this.touch();
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            touch();
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      maxRetries: 0,
      timeout: 10 * 60_000,
      fetch: watchedFetch,
      logLevel: 'off',
      openTelemetry: false,
    });
  }

  /** Requests from now on (retries of the one running included) carry this key; '' removes it. */
  setApiKey(apiKey: string): void {
    this.keyRemoved = apiKey === '';
    if (!this.keyRemoved) this.client = this.client.withOptions({ apiKey });
  }

  private requireKey(): void {
    if (this.keyRemoved) {
      throw new AppError('AGENT_API', 'The Anthropic API key was removed in the preferences, so Claude stopped.', {
        hint: 'Add a key under Preferences (or set ANTHROPIC_API_KEY) and send the instruction again.',
      });
    }
  }

  /** Streams a response, relaying text; retries as described above. */
  async stream(request: ModelRequest, estimatedInputTokens: number, signal: AbortSignal, onText: (text: string) => void, onRetry: (n: RetryNotice) => void, onThinking: () => void = () => undefined): Promise<AssembledMessage> {
    let retries = 0;
    let cuts = 0;
    for (let attempt = 1; ; attempt++) {
      this.requireKey();
      try {
        await this.options.permits.acquire(estimatedInputTokens, signal);
      } catch {
        throw new CancelledError();
      }
      let hadOutput = false;
      try {
        return await this.attempt(request, signal, (t) => {
          hadOutput = true;
          onText(t);
        }, onThinking);
      } catch (error) {
        if (error instanceof StreamCutError && cuts < 1) {
          cuts += 1;
          onRetry({ reason: `The response stream broke (${error.reason})`, attempt, hadOutput });
          continue;
        }
        const retryable = (error instanceof ApiStatusError && error.retryable) || error instanceof ConnectionError;
        if (!retryable || retries >= this.options.maxRetries) throw error;
        retries += 1;
        const status = error instanceof ApiStatusError ? error.status : undefined;
        onRetry({ reason: status ? `The API answered ${status} (${error.message})` : error.message.replace(/\.$/, ''), status, attempt, hadOutput });
        // 429/529 wait in the limiter (all sessions together); other failures back off here.
        if (status !== 429 && status !== 529) {
          const backoff = Math.min(30_000, (this.options.baseBackoffMs ?? 500) * 2 ** (retries - 1));
          try {
            await sleep(this.options.clock, backoff, signal);
          } catch {
            throw new CancelledError();
          }
        }
      }
    }
  }

  private async attempt(request: ModelRequest, signal: AbortSignal, onText: (text: string) => void, onThinking: () => void): Promise<AssembledMessage> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let idle = false;
    let timer: TimerHandle | undefined;
    const clock = this.options.clock;
    this.touch = () => {
      timer?.cancel();
      timer = clock.setTimeout(() => {
        idle = true;
        controller.abort();
      }, this.options.streamIdleTimeoutMs);
    };
    this.touch();
    const idleReason = `no data for ${Math.round(this.options.streamIdleTimeoutMs / 1000)} s`;
    try {
      const { data, response } = await this.client.messages
        .create({ ...(request as unknown as Anthropic.MessageCreateParamsNonStreaming), stream: true }, { signal: controller.signal })
        .withResponse();
      this.options.permits.report({ status: response.status, headers: rateLimitHeaders(response.headers) });
      const assembler = new MessageAssembler(onText, onThinking);
      for await (const event of data) assembler.push(event);
      // The SDK ends iteration quietly when aborted; tell the three endings apart here.
      if (signal.aborted) throw new CancelledError();
      if (idle) throw new StreamCutError(idleReason);
      if (!assembler.complete) throw new StreamCutError('the stream ended before the message was complete');
      return assembler.result(request.model);
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      if (idle) throw new StreamCutError(idleReason);
      if (error instanceof CancelledError || error instanceof StreamCutError) throw error;
      if (error instanceof MalformedStreamError || error instanceof SyntaxError) throw new StreamCutError(`malformed data (${error.message})`);
      if (error instanceof APIUserAbortError) throw new StreamCutError('request aborted');
      if (error instanceof APIConnectionError) throw new ConnectionError(error.message);
      if (error instanceof APIError && typeof error.status === 'number') {
        const headers = rateLimitHeaders(error.headers);
        this.options.permits.report({ status: error.status, headers });
        throw new ApiStatusError(error.status, error.type, error.apiMessage ?? error.message);
      }
      // An `error` event inside the stream: the status it stands for decides the retry.
      const streamStatus = error instanceof APIError && error.type ? STREAM_ERROR_STATUS[error.type] : undefined;
      if (streamStatus !== undefined) {
        this.options.permits.report({ status: streamStatus, headers: {} });
        throw new ApiStatusError(streamStatus, (error as APIError).type, (error as APIError).apiMessage ?? (error as Error).message);
      }
      // Another error event, or the socket dropped mid-body.
      if (error instanceof APIError) throw new StreamCutError(error.type ?? error.message);
      // undici reports a socket closed mid-body as a bare "terminated".
      const reason = (error as Error).message;
      throw new StreamCutError(!reason || reason === 'terminated' ? 'the connection closed in the middle of the response' : reason);
    } finally {
      timer?.cancel();
      this.touch = () => undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Exact input size of a request from the count_tokens route, or undefined when the endpoint
   * lacks it (404: remembered, not asked again) or it fails — callers then use usage figures.
   */
  async countTokens(request: ModelRequest, signal: AbortSignal): Promise<number | undefined> {
    if (this.countTokensMissing || this.keyRemoved) return undefined;
    try {
      const result = await this.client.messages.countTokens(
        { model: request.model, system: request.system, tools: request.tools, messages: request.messages } as unknown as Anthropic.MessageCountTokensParams,
        { signal },
      );
      return typeof result.input_tokens === 'number' ? result.input_tokens : undefined;
    } catch (error) {
      if (error instanceof APIError && error.status === 404) {
        this.countTokensMissing = true;
        this.options.log('info', 'count_tokens is not available at this endpoint; using usage figures');
      }
      return undefined;
    }
  }
}
