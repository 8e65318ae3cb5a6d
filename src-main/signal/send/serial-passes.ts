// Work done in passes, one at a time: the outbox sender and the attachment fetcher go over what
// is waiting in the store. A kick while a pass runs asks for one more pass after it (what was
// added meanwhile may have been missed), never for a second pass at the same time.

export interface SerialPassesOptions {
  /** One pass over the waiting work; resolves true when more is waiting right away. */
  readonly pass: () => Promise<boolean>;
  /** False once stopped: no new pass starts and no pass repeats. */
  readonly active: () => boolean;
  /** After the last pass of a run (e.g. to schedule the next one). */
  readonly settled?: () => void;
}

export class SerialPasses {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: SerialPassesOptions) {}

  kick(): void {
    if (!this.options.active()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.options.settled?.();
    });
  }

  /** Resolves once no pass runs (including passes kicked while waiting). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    let more: boolean;
    do {
      this.again = false;
      more = await this.options.pass();
    } while ((this.again || more) && this.options.active());
  }
}
