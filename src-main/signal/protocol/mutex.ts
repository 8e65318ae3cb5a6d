// A minimal async mutex: one protocol operation (decrypt + store, or encrypt + store) at a time,
// because they share the protocol-state overlay and libsignal's stores are async.
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
