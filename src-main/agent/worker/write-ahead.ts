// Inside the worker: which committed steps the main process has confirmed as stored. A tool runs
// only after its tool_start step is confirmed, so a crash can never lose the record of a call
// that ran (and the resumed turn reports it as interrupted rather than running it again).

export class StoredSteps {
  private stored = -1;
  private readonly waiters = new Set<{ seq: number; resolve: () => void }>();

  /** The main process stored every step up to `seq`. */
  confirm(seq: number): void {
    this.stored = Math.max(this.stored, seq);
    for (const w of [...this.waiters]) {
      if (w.seq > this.stored) continue;
      this.waiters.delete(w);
      w.resolve();
    }
  }

  /** Resolves once step `seq` is stored, or when `signal` aborts (the caller checks which). */
  wait(seq: number, signal: AbortSignal): Promise<void> {
    if (seq <= this.stored || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        seq,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
