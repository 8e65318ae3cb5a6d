// Holds one decryption of the receive path until more envelopes have queued up behind it, so the
// receiver takes them as one batch (as after a night offline, when the server hands over its
// queue at once). The hold waits on the event loop, so the socket's envelopes keep arriving: a
// busy wait of a fixed time did not, and on a loaded machine the copies could still come apart.
export interface DecryptionHold {
  /** Decryptions so far. */
  readonly decrypts: number;
  readonly afterDecrypt: () => Promise<void> | undefined;
}

/** Holds decryption number `at` until `ready()` (checked every 5 ms; at most 10 s, then the test's own checks fail). */
export function holdDecryption(at: number, ready: () => boolean): DecryptionHold {
  let decrypts = 0;
  return {
    get decrypts() {
      return decrypts;
    },
    afterDecrypt() {
      if (++decrypts !== at) return undefined;
      return (async () => {
        const deadline = Date.now() + 10_000;
        while (!ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      })();
    },
  };
}
