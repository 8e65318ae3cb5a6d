// The owner writing from the phone like a real Signal client: each message has its own timestamp
// (its identity), and a send the server did not confirm is sent again with the same timestamp
// (the app recognises the repeat). Signal's mock server can drop a message it queued for an
// offline device when the device's socket dies while the queue is flushed; a real server keeps
// it until acknowledged, so re-sending is what makes the mock behave like one.
import { encryptContent, noteToSelfContent } from '../../helpers/mock-signal.js';
import type { Phone } from '../../helpers/phone.js';

export class Owner {
  private clock = Date.now();
  private encrypting: Promise<unknown> = Promise.resolve();
  /** Sends that had to be repeated (for the report). */
  resends = 0;

  constructor(readonly phone: Phone) {}

  private nextTimestamp(): number {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return this.clock;
  }

  /** Encrypts one at a time (the phone's ratchet advances with each). */
  private encrypt(body: string, timestamp: number): Promise<Buffer<ArrayBuffer>> {
    const { mock, device } = this.phone;
    const next = this.encrypting.then(() => encryptContent(mock.phone, device, noteToSelfContent(mock.phone, { body }, timestamp), { timestamp }));
    this.encrypting = next.catch(() => undefined);
    return next;
  }

  /** Writes in Note to Self and waits until the server confirms delivery; returns the timestamp. */
  async say(body: string): Promise<number> {
    const { timestamp, delivered } = await this.post(body);
    await delivered;
    return timestamp;
  }

  /**
   * Writes in Note to Self without waiting for the computer: resolves once the message is
   * encrypted and handed to the server (which queues it while the computer is offline);
   * `delivered` settles when the computer acknowledged it.
   */
  async post(body: string, options: { attemptTimeoutMs?: number; deadlineMs?: number } = {}): Promise<{ timestamp: number; delivered: Promise<void> }> {
    const timestamp = this.nextTimestamp();
    const first = await this.encrypt(body, timestamp);
    const delivered = this.deliver(body, timestamp, first, options);
    delivered.catch(() => undefined);
    return { timestamp, delivered };
  }

  private async deliver(body: string, timestamp: number, first: Buffer<ArrayBuffer>, options: { attemptTimeoutMs?: number; deadlineMs?: number }): Promise<void> {
    const { mock, device } = this.phone;
    const deadline = Date.now() + (options.deadlineMs ?? 120_000);
    let envelope = first;
    for (;;) {
      const sending = mock.server.send(device, envelope);
      sending.catch(() => undefined);
      const ok = await Promise.race([
        sending.then(() => true, () => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.attemptTimeoutMs ?? 20_000).unref()),
      ]);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`the phone could not deliver "${body.slice(0, 40)}" in time`);
      this.resends++;
      await new Promise((r) => setTimeout(r, 200));
      envelope = await this.encrypt(body, timestamp);
    }
  }
}
