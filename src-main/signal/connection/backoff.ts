// Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with jitter so many
// clients (or many retries) do not hammer the server in step.
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60_000 };
export const SEND_BACKOFF: BackoffPolicy = { initialMs: 2000, maxMs: 10 * 60_000 };
/** After another process took this device's socket: minutes, not seconds, so two copies never fight. */
export const ELSEWHERE_BACKOFF: BackoffPolicy = { initialMs: 5 * 60_000, maxMs: 60 * 60_000 };
/** Reconnecting to have a batch delivered again that the database could not take (a full disk may have room by then). */
export const REDELIVER_BACKOFF: BackoffPolicy = { initialMs: 15_000, maxMs: 5 * 60_000 };

/** Delay before attempt number `attempt` (0 = first retry); `random` in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  // "Equal jitter": at least half the exponential delay, at most all of it.
  return Math.round(exp / 2 + (exp / 2) * random());
}
