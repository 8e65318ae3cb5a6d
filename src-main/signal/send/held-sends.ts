// Whether Signal holds our sends back, as the sender job last found it: a rate limit (until a
// time) or a 428 challenge. A challenge that offers a captcha stays until the owner answers it,
// even when a later plain rate limit replaces the hold: Signal still wants it answered, and the
// app keeps showing where to solve it (the service's status().challenge, /captcha).
import type { SendHold } from '../linked-session.js';

export class HeldSends {
  private hold: SendHold | undefined;

  constructor(private readonly now: () => number) {}

  /** Why Signal holds replies back now and until when (undefined: it does not). */
  current(): SendHold | undefined {
    return this.hold && this.hold.until > this.now() ? this.hold : undefined;
  }

  /** The hold that carries an unanswered captcha challenge, however old. */
  withChallenge(): (SendHold & Required<Pick<SendHold, 'challenge'>>) | undefined {
    return this.hold?.challenge ? (this.hold as SendHold & Required<Pick<SendHold, 'challenge'>>) : undefined;
  }

  /** The sender job's latest finding; true when whether a captcha is asked for changed. */
  update(hold: SendHold | undefined): boolean {
    const asked = this.hold?.challenge !== undefined;
    this.hold = hold && !hold.challenge && this.hold?.challenge ? { ...hold, challenge: this.hold.challenge } : hold;
    return asked !== (this.hold?.challenge !== undefined);
  }

  /** Signal accepted the captcha: nothing is held any more. */
  answered(): void {
    this.hold = undefined;
  }
}
