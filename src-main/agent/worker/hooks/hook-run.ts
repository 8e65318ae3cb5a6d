// Runs one command hook where Bash runs: through the command host when there is one, inside the
// OS sandbox with the project's policy when the sandbox works (the same confinement as a Bash
// call), in the project folder with CLAUDE_PROJECT_DIR set. Its JSON input goes to stdin; stdout
// and stderr come back apart (stdout may carry JSON, stderr is the reason of a blocking exit 2).
// A timeout (the hook's own, Claude Code's 60 s by default) or the owner's /stop kills its
// process group. Output is bounded: stdout beyond MAX_STDOUT_CHARS makes the run a failure
// (cut JSON is no answer), stderr keeps its head and tail.
import { killProcessGroup, type CommandSpawner } from '../../command-process.js';
import type { SandboxPolicy } from '../../sandbox/policy.js';
import { CappedOutput } from '../tools/output-cap.js';

export const MAX_STDOUT_CHARS = 64 * 1024;
const STDERR_CAP_CHARS = 4000;

export interface HookRunPlace {
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
  readonly spawn: CommandSpawner;
  readonly sandbox: SandboxPolicy | undefined;
  readonly onProcess: (pid: number, state: 'started' | 'ended') => void;
  readonly signal: AbortSignal;
}

export interface HookRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly stdoutTooLong: boolean;
  /** The command could not be started (or its runner went away). */
  readonly error?: string;
}

export function runHookCommand(command: string, input: object, timeoutSec: number, place: HookRunPlace): Promise<HookRun> {
  return new Promise((resolveRun) => {
    let stdout = '';
    let stdoutTooLong = false;
    const stderr = new CappedOutput(STDERR_CAP_CHARS);
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let pid: number | undefined;
    const stop = (why: 'timeout' | 'cancel'): void => {
      if (why === 'timeout') timedOut = true;
      else cancelled = true;
      if (pid !== undefined) killProcessGroup(pid);
    };
    const timer = setTimeout(() => stop('timeout'), timeoutSec * 1000);
    const onAbort = (): void => stop('cancel');
    place.signal.addEventListener('abort', onAbort, { once: true });
    const env = { ...place.env, CLAUDE_PROJECT_DIR: place.root };
    place.spawn(
      { command, cwd: place.root, env, stdin: JSON.stringify(input), ...(place.sandbox ? { sandbox: place.sandbox } : {}) },
      {
        started: (started) => {
          pid = started;
          place.onProcess(started, 'started');
          if (timedOut || cancelled) killProcessGroup(started);
        },
        output: (text, isStderr) => {
          if (isStderr) {
            stderr.push(text);
            return;
          }
          if (stdout.length + text.length > MAX_STDOUT_CHARS) stdoutTooLong = true;
          else stdout += text;
        },
        ended: ({ exitCode, error }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          place.signal.removeEventListener('abort', onAbort);
          const group = pid;
          if (group !== undefined) killProcessGroup(group, () => place.onProcess(group, 'ended'));
          resolveRun({ exitCode, stdout, stderr: stderr.text(), timedOut, cancelled, stdoutTooLong, ...(error ? { error } : {}) });
        },
      },
    );
    if (place.signal.aborted) onAbort();
  });
}
