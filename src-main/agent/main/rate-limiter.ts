// ONE limiter in the main process for every session (they share an API key and its limits).
// It learns the limits from the anthropic-ratelimit-* headers workers report, grants permits
// first-come first-served, and pauses everyone when a response is 429 or 529: for as long as
// retry-after says, or with exponential back-off when the server does not say.
import type { Logger } from '../../shared/logger.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import type { PermitSource, RateLimitReport } from '../permits.js';

interface Bucket {
  limit: number;
  remaining: number;
  resetAt: number;
}

interface Waiter {
  readonly estimate: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

const BUCKETS = ['requests', 'input-tokens', 'output-tokens', 'tokens'] as const;
type BucketName = (typeof BUCKETS)[number];

export interface RateLimiterOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** First back-off after a 429/529 without retry-after; doubles per consecutive one. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface RateLimiterSnapshot {
  readonly pausedForMs: number;
  readonly waiting: number;
  readonly granted: number;
  readonly buckets: Partial<Record<BucketName, { limit: number; remaining: number; resetInMs: number }>>;
}

/** retry-after-ms, or retry-after as seconds or an HTTP date. */
export function parseRetryAfter(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class RateLimiter implements PermitSource {
  private readonly clock: Clock;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly buckets = new Map<BucketName, Bucket>();
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private overloadStreak = 0;
  private timer: TimerHandle | undefined;
  private timerAt = 0;
  private granted = 0;

  constructor(private readonly options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  acquire(estimatedInputTokens: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        estimate: Math.max(0, estimatedInputTokens),
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i !== -1) this.queue.splice(i, 1);
          reject(signal.reason);
          this.pump();
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  report(report: RateLimitReport): void {
    const now = this.clock.now();
    for (const name of BUCKETS) {
      const limit = Number(report.headers[`anthropic-ratelimit-${name}-limit`]);
      const remaining = Number(report.headers[`anthropic-ratelimit-${name}-remaining`]);
      const reset = Date.parse(report.headers[`anthropic-ratelimit-${name}-reset`] ?? '');
      if (Number.isFinite(limit) && Number.isFinite(remaining)) {
        this.buckets.set(name, { limit, remaining, resetAt: Number.isNaN(reset) ? now + 60_000 : reset });
      }
    }
    if (report.status === 429 || report.status === 529) {
      const told = report.retryAfterMs ?? parseRetryAfter(report.headers, now);
      const backoff = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** this.overloadStreak);
      this.overloadStreak += 1;
      const wait = told ?? backoff;
      this.pausedUntil = Math.max(this.pausedUntil, now + wait);
      this.options.logger?.info({ status: report.status, waitMs: Math.round(wait) }, 'API asked to slow down; pausing all sessions');
    } else if (report.status !== undefined && report.status < 400) {
      this.overloadStreak = 0;
    }
    this.pump();
  }

  snapshot(): RateLimiterSnapshot {
    const now = this.clock.now();
    const buckets: RateLimiterSnapshot['buckets'] = {};
    for (const [name, b] of this.buckets) buckets[name] = { limit: b.limit, remaining: b.remaining, resetInMs: Math.max(0, b.resetAt - now) };
    return { pausedForMs: Math.max(0, this.pausedUntil - now), waiting: this.queue.length, granted: this.granted, buckets };
  }

  /** When a request of `estimate` input tokens may go out (≤ now: at once). */
  private readyAt(estimate: number, now: number): number {
    let at = this.pausedUntil;
    for (const [name, b] of this.buckets) {
      if (b.resetAt <= now) continue; // the window has reset; the next response refreshes it
      const need = name === 'requests' ? 1 : name === 'input-tokens' || name === 'tokens' ? Math.min(estimate, b.limit) : 1;
      if (b.remaining < need) at = Math.max(at, b.resetAt);
    }
    return at;
  }

  private pump(): void {
    const now = this.clock.now();
    while (this.queue.length > 0) {
      const head = this.queue[0] as Waiter;
      const at = this.readyAt(head.estimate, now);
      if (at > now) {
        this.wakeAt(at);
        return;
      }
      this.queue.shift();
      head.signal.removeEventListener('abort', head.onAbort);
      for (const [name, b] of this.buckets) {
        if (b.resetAt <= now) continue;
        if (name === 'requests') b.remaining -= 1;
        else if (name === 'input-tokens' || name === 'tokens') b.remaining = Math.max(0, b.remaining - head.estimate);
      }
      this.granted += 1;
      head.resolve();
    }
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, at - this.clock.now()));
  }
}
