// How a command Claude runs (Bash, a hook) is stopped: by its timeout or by /stop (the turn's
// abort signal), both of which kill its whole process group — even when the pid is only reported
// after the stop came — and, once it ended, whatever it left running in its group. The main
// process keeps tracking the group (onProcess) until that last kill, in case the worker dies first.
import { killProcessGroup } from '../../command-process.js';

export class CommandStop {
  timedOut = false;
  cancelled = false;
  private pid: number | undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.stop('cancel');

  constructor(
    timeoutMs: number,
    private readonly signal: AbortSignal,
    private readonly onProcess: (pid: number, state: 'started' | 'ended') => void,
  ) {
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Call once the spawn was asked for: a turn stopped before it counts as stopped now. */
  checkAborted(): void {
    if (this.signal.aborted) this.onAbort();
  }

  /** The command host reported the command's pid (its process group). */
  started(pid: number): void {
    this.pid = pid;
    this.onProcess(pid, 'started');
    if (this.timedOut || this.cancelled) killProcessGroup(pid);
  }

  /** The command ended: false when it had ended already (report it once). */
  ended(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
    const group = this.pid;
    if (group !== undefined) killProcessGroup(group, () => this.onProcess(group, 'ended'));
    return true;
  }

  private stop(why: 'timeout' | 'cancel'): void {
    if (why === 'timeout') this.timedOut = true;
    else this.cancelled = true;
    if (this.pid !== undefined) killProcessGroup(this.pid);
  }
}
