// One full garbage collection once the app has settled after start-up or after (re)connecting
// to Signal, so that an app left idle gives back what that burst of work used. V8 shrinks its
// young generation (grown to 16 MB by start-up's allocations) only in a full collection made
// while allocation is slow, and its memory reducer makes one only after start-up happened to
// need one: without it the idle app kept ~9 MB it no longer used (bench/idle-footprint.bench.ts
// read 99 or 104 MB from run to run). The collection is asked for the way Jest's leak detector
// does it, through V8's `gc` extension enabled for one fresh context only. It runs once per
// burst, from an unref'd timer (no wake-up of its own while idle), and takes tens of ms.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long the app must have been past the last burst (start, link, reconnect) first. */
export const SETTLE_GC_DELAY_MS = 20_000;

/** Runs one full collection now. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Contexts made later (worker threads, vm) get no `gc` global.
  setFlagsFromString('--no-expose-gc');
  gc();
}

export class SettleGc {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number = SETTLE_GC_DELAY_MS,
    private readonly collect: () => void = collectGarbage,
  ) {}

  /** A burst of work just ended: collect `delayMs` from now (a later call pushes it back). */
  arm(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect();
    }, this.delayMs);
    // An app stopping before then does not wait for it.
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
