// Time is injected wherever behaviour depends on it (the 30-minute idle suspend, the 24-hour
// terminate, backoff), so tests can drive it with a fake clock instead of waiting.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms`; the handle cancels it. Timers never keep the process alive. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
}

/** Node's longest timer (about 24.8 days); a longer one would fire after 1 ms instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    // Longer waits (a server's Retry-After of weeks) go in steps, so they never fire at once.
    let t: NodeJS.Timeout;
    const arm = (left: number): void => {
      t = setTimeout(() => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fn()), Math.min(left, MAX_TIMER_MS));
      t.unref();
    };
    arm(ms);
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      handle.cancel();
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
