// Permission to send a request to the Messages API. All sessions share one key and one set of
// rate limits, so one RateLimiter in the main process decides; a worker asks it through its
// AgentWorker handle (RemotePermits) and reports every response's rate-limit headers back.
export interface RateLimitReport {
  /** HTTP status of the response (429/529 pause everyone). */
  readonly status?: number | undefined;
  /** anthropic-ratelimit-*, retry-after and retry-after-ms headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly retryAfterMs?: number | undefined;
}

export interface PermitSource {
  /** Resolves when a request estimated at `estimatedInputTokens` may be sent; rejects on abort. */
  acquire(estimatedInputTokens: number, signal: AbortSignal): Promise<void>;
  report(report: RateLimitReport): void;
}

/** Headers worth sending to the limiter (the rest stay in the worker). */
export function rateLimitHeaders(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach((value, name) => {
    const n = name.toLowerCase();
    if (n.startsWith('anthropic-ratelimit-') || n === 'retry-after' || n === 'retry-after-ms') out[n] = value;
  });
  return out;
}

/** The worker side of the permit protocol: requests go out as events, grants come back as commands. */
export class RemotePermits implements PermitSource {
  private nextId = 1;
  private readonly waiting = new Map<number, () => void>();

  constructor(
    private readonly send: (
      event:
        | { type: 'permit_request'; requestId: number; estimatedInputTokens: number }
        | { type: 'permit_cancel'; requestId: number }
        | { type: 'rate_limit'; status?: number; headers: Record<string, string>; retryAfterMs?: number },
    ) => void,
  ) {}

  acquire(estimatedInputTokens: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const requestId = this.nextId++;
      const onAbort = (): void => {
        this.waiting.delete(requestId);
        this.send({ type: 'permit_cancel', requestId });
        reject(signal.reason);
      };
      this.waiting.set(requestId, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'permit_request', requestId, estimatedInputTokens });
    });
  }

  grant(requestId: number): void {
    const resolve = this.waiting.get(requestId);
    this.waiting.delete(requestId);
    resolve?.();
  }

  report(report: RateLimitReport): void {
    this.send({
      type: 'rate_limit',
      headers: { ...report.headers },
      ...(report.status !== undefined ? { status: report.status } : {}),
      ...(report.retryAfterMs !== undefined ? { retryAfterMs: report.retryAfterMs } : {}),
    });
  }
}
