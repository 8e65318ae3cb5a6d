// Open approval requests of one session. Each gets a short hex id the owner quotes in the
// reply ("yes 4f2a", "always 4f2a", "no 4f2a"); unanswered requests are denied after the
// configured time, with that reason shown to the model.
import type { Clock } from '../../shared/clock.js';
import type { ApprovalSubject } from '../approval-subject.js';
import type { ApprovalDecision, WorkerEventOf } from '../protocol.js';

export interface ApprovalAnswer {
  readonly decision: ApprovalDecision;
  readonly reason?: string | undefined;
  readonly by: 'owner' | 'timeout' | 'cancelled';
}

export interface ApprovalQuestion {
  readonly turnId: string;
  readonly toolUseId: string;
  readonly tool: string;
  readonly summary: string;
  readonly reason: string;
  readonly sessionRule: string;
  /** What the call would do, when the tool can say. */
  readonly subject?: ApprovalSubject;
  /** Claude's text before the call. */
  readonly intent?: string;
}

interface Pending {
  readonly settle: (answer: ApprovalAnswer) => void;
}

type Emit = (event: WorkerEventOf<'approval_request'> | WorkerEventOf<'approval_resolved'>) => void;

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / 3_600_000)} hours`;
}

export class Approvals {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: Emit,
    private readonly clock: Clock,
    private readonly random: () => number,
    private readonly timeoutMs: number,
    /** Every id starts with it (this computer's digit; see AgentConfig.approvalIdPrefix). */
    private readonly prefix = '',
  ) {}

  get openCount(): number {
    return this.pending.size;
  }

  private newId(): string {
    for (let digits = 4; ; digits += 2) {
      for (let tries = 0; tries < 50; tries++) {
        const free = digits - this.prefix.length;
        const id = this.prefix + Math.floor(this.random() * 16 ** free).toString(16).padStart(free, '0');
        if (!this.pending.has(id)) return id;
      }
    }
  }

  /** Asks the owner; resolves with their answer, a timeout denial, or 'cancelled' on abort. */
  ask(question: ApprovalQuestion, signal: AbortSignal): Promise<ApprovalAnswer> {
    const approvalId = this.newId();
    return new Promise((resolve) => {
      const settle = (answer: ApprovalAnswer): void => {
        if (!this.pending.delete(approvalId)) return;
        timer.cancel();
        signal.removeEventListener('abort', onAbort);
        this.emit({ type: 'approval_resolved', approvalId, decision: answer.decision, by: answer.by });
        resolve(answer);
      };
      const timer = this.clock.setTimeout(
        () =>
          settle({
            decision: 'deny',
            by: 'timeout',
            reason: `The owner did not answer within ${formatDuration(this.timeoutMs)}, so this was not allowed. Continue without it or ask the owner.`,
          }),
        this.timeoutMs,
      );
      const onAbort = (): void => settle({ decision: 'deny', by: 'cancelled' });
      this.pending.set(approvalId, { settle });
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit({ type: 'approval_request', approvalId, expiresAt: this.clock.now() + this.timeoutMs, ...question });
      if (signal.aborted) onAbort();
    });
  }

  /** The owner's reply; false when no open request has this id (already answered or expired). */
  answer(approvalId: string, decision: ApprovalDecision, reason?: string): boolean {
    const pending = this.pending.get(approvalId.toLowerCase());
    if (!pending) return false;
    pending.settle({ decision, by: 'owner', reason });
    return true;
  }
}
