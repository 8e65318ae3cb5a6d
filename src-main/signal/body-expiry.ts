// Deletes the stored bodies of disappearing messages when the conversation's timer runs out
// (see store/body-expiry-repo.ts for what goes). The due times are in the database, so after a
// restart whatever fell due while the app was off goes at once, and the rest on schedule. One
// timer, set for the earliest due body, on the injectable clock; kicked when a row gets a due
// time (stored, sent, handled).
import type { Clock, TimerHandle } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { BodyExpiryRepo } from '../store/body-expiry-repo.js';

export class BodyExpiry {
  private timer: TimerHandle | undefined;
  private running = false;
  /** Bodies deleted so far, for status and tests. */
  readonly counts = { inbox: 0, outbox: 0 };

  constructor(
    private readonly repo: BodyExpiryRepo,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Deletes what is due now and sets the timer for the next one. */
  kick(): void {
    if (!this.running) return;
    this.timer?.cancel();
    this.timer = undefined;
    try {
      const expired = this.repo.expireDue(this.clock.now());
      this.counts.inbox += expired.inbox;
      this.counts.outbox += expired.outbox;
      if (expired.inbox + expired.outbox > 0) this.logger.debug({ mod: 'signal.expiry', ...expired }, 'disappearing messages deleted from the disk');
      const next = this.repo.nextAt();
      if (next !== undefined) this.timer = this.clock.setTimeout(() => this.kick(), Math.max(0, next - this.clock.now()));
    } catch (error) {
      // The database is closing or full: the due times stay, the next start deletes them.
      this.logger.warn({ mod: 'signal.expiry', err: error }, 'could not delete expired message bodies; will try again');
    }
  }
}
