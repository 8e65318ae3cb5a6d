// Bash commands started with run_in_background: they keep running across tool calls and turns
// (a dev server, a long build) until they end, Claude stops them with KillShell, or the session
// ends (dispose). Each runs in its own process group like any command, reported to the main
// process so a crashed worker cannot leave one behind. Output waits in a bounded buffer until
// BashOutput reads it: past `keepChars` the oldest unread output is dropped with a count, so a
// chatty server cannot grow the worker's memory.
import { killProcessGroup, type CommandRequest, type CommandSpawner } from '../../command-process.js';

export type ShellStatus = 'running' | 'completed' | 'failed' | 'killed';

interface Shell {
  readonly id: string;
  readonly command: string;
  readonly startedAt: number;
  pid: number | undefined;
  status: ShellStatus;
  exitCode: number | null;
  unread: string;
  dropped: number;
  /** KillShell came before the process reported its pid. */
  killWanted: boolean;
}

export interface ShellRead {
  readonly status: ShellStatus;
  readonly exitCode: number | null;
  readonly output: string;
  /** Characters of unread output dropped because the buffer was full. */
  readonly dropped: number;
}

export interface ShellSummary {
  readonly id: string;
  readonly command: string;
  readonly status: ShellStatus;
  readonly startedAt: number;
}

export interface BackgroundLimits {
  /** Commands running at once, at most. */
  readonly maxRunning: number;
  /** Unread output kept per command. */
  readonly keepChars: number;
}

export const DEFAULT_BACKGROUND_LIMITS: BackgroundLimits = { maxRunning: 8, keepChars: 256 * 1024 };

export class BackgroundShells {
  private readonly shells = new Map<string, Shell>();
  private next = 1;

  constructor(
    private readonly spawn: CommandSpawner,
    private readonly onProcess: (pid: number, state: 'started' | 'ended') => void,
    private readonly now: () => number,
    private readonly limits: BackgroundLimits = DEFAULT_BACKGROUND_LIMITS,
    /** Told the running commands whenever one starts or ends (the owner sees them in /status). */
    private readonly onChange: (running: ShellSummary[]) => void = () => undefined,
  ) {}

  private changed(): void {
    this.onChange(this.list().filter((s) => s.status === 'running'));
  }

  get running(): number {
    return [...this.shells.values()].filter((s) => s.status === 'running').length;
  }

  /** Starts `request`; returns the new shell's id, or an Error when too many are running. */
  start(command: string, request: CommandRequest): string | Error {
    if (this.running >= this.limits.maxRunning) {
      return new Error(`${this.limits.maxRunning} background commands are already running; stop one with KillShell first.`);
    }
    const shell: Shell = { id: `bash_${this.next++}`, command, startedAt: this.now(), pid: undefined, status: 'running', exitCode: null, unread: '', dropped: 0, killWanted: false };
    this.shells.set(shell.id, shell);
    this.changed();
    this.spawn(request, {
      started: (pid) => {
        shell.pid = pid;
        this.onProcess(pid, 'started');
        if (shell.killWanted) killProcessGroup(pid);
      },
      output: (text) => this.append(shell, text),
      ended: ({ exitCode, error }) => {
        if (error) this.append(shell, `\n${error}`);
        const wasRunning = shell.status === 'running';
        if (wasRunning) shell.status = exitCode === 0 ? 'completed' : 'failed';
        shell.exitCode = exitCode;
        if (wasRunning) this.changed();
        // Whatever it left running in its group ends with it, as for a foreground command.
        const group = shell.pid;
        if (group !== undefined) killProcessGroup(group, () => this.onProcess(group, 'ended'));
      },
    });
    return shell.id;
  }

  private append(shell: Shell, text: string): void {
    shell.unread += text;
    const excess = shell.unread.length - this.limits.keepChars;
    if (excess > 0) {
      shell.unread = shell.unread.slice(excess);
      shell.dropped += excess;
    }
  }

  /** New output since the last read (then forgotten); undefined for an unknown id. */
  read(id: string): ShellRead | undefined {
    const shell = this.shells.get(id);
    if (!shell) return undefined;
    const read = { status: shell.status, exitCode: shell.exitCode, output: shell.unread, dropped: shell.dropped };
    shell.unread = '';
    shell.dropped = 0;
    return read;
  }

  /** Stops a running shell (its whole process group); its status tells what was found. */
  kill(id: string): ShellStatus | undefined {
    const shell = this.shells.get(id);
    if (!shell) return undefined;
    if (shell.status !== 'running') return shell.status;
    shell.status = 'killed';
    if (shell.pid === undefined) shell.killWanted = true;
    else killProcessGroup(shell.pid);
    this.changed();
    return 'killed';
  }

  list(): ShellSummary[] {
    return [...this.shells.values()].map((s) => ({ id: s.id, command: s.command, status: s.status, startedAt: s.startedAt }));
  }

  ids(): string[] {
    return [...this.shells.keys()];
  }

  /** The session ends: every command still running is stopped. */
  dispose(): void {
    for (const shell of this.shells.values()) if (shell.status === 'running') this.kill(shell.id);
  }
}
