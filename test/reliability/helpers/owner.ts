// The owner writing from the phone like a real Signal client: each message has its own timestamp
// (its identity), and a send the server did not confirm is sent again with the same timestamp
// (the app recognises the repeat). Signal's mock server can drop a message it queued for an
// offline device when the device's socket dies while the queue is flushed; a real server keeps
// it until acknowledged, so re-sending is what makes the mock behave like one.
import { sendNoteToSelf } from '../../helpers/mock-signal.js';
import type { Phone } from '../../helpers/phone.js';

export class Owner {
  private clock = Date.now();
  /** Sends that had to be repeated (for the report). */
  resends = 0;

  constructor(readonly phone: Phone) {}

  private nextTimestamp(): number {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return this.clock;
  }

  /** Writes in Note to Self until the server confirms delivery; returns the message's timestamp. */
  async say(body: string, options: { attemptTimeoutMs?: number; deadlineMs?: number } = {}): Promise<number> {
    const timestamp = this.nextTimestamp();
    const deadline = Date.now() + (options.deadlineMs ?? 120_000);
    for (;;) {
      const sending = sendNoteToSelf(this.phone.mock.phone, this.phone.device, { body }, timestamp);
      sending.catch(() => undefined);
      const ok = await Promise.race([
        sending.then(() => true, () => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.attemptTimeoutMs ?? 20_000).unref()),
      ]);
      if (ok) return timestamp;
      if (Date.now() > deadline) throw new Error(`the phone could not deliver "${body.slice(0, 40)}" in time`);
      this.resends++;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
