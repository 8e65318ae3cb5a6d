// Runs one command hook where Bash runs: through the command host when there is one, inside the
// OS sandbox with the project's policy when the sandbox works (the same confinement as a Bash
// call), in the project folder with CLAUDE_PROJECT_DIR set. Its JSON input goes to stdin; stdout
// and stderr come back apart (stdout may carry JSON, stderr is the reason of a blocking exit 2).
// A timeout (the hook's own, Claude Code's 60 s by default) or the owner's /stop kills its
// process group. Output is bounded: stdout beyond MAX_STDOUT_CHARS makes the run a failure
// (cut JSON is no answer), stderr keeps its head and tail.
import type { CommandSpawner } from '../../command-process.js';
import type { SandboxPolicy } from '../../sandbox/policy.js';
import { CappedOutput } from '../tools/output-cap.js';
import { CommandStop } from '../tools/command-stop.js';

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
    const stop = new CommandStop(timeoutSec * 1000, place.signal, place.onProcess);
    const env = { ...place.env, CLAUDE_PROJECT_DIR: place.root };
    place.spawn(
      { command, cwd: place.root, env, stdin: JSON.stringify(input), ...(place.sandbox ? { sandbox: place.sandbox } : {}) },
      {
        started: (pid) => stop.started(pid),
        output: (text, isStderr) => {
          if (isStderr) {
            stderr.push(text);
            return;
          }
          if (stdout.length + text.length > MAX_STDOUT_CHARS) stdoutTooLong = true;
          else stdout += text;
        },
        ended: ({ exitCode, error }) => {
          if (!stop.ended()) return;
          resolveRun({ exitCode, stdout, stderr: stderr.text(), timedOut: stop.timedOut, cancelled: stop.cancelled, stdoutTooLong, ...(error ? { error } : {}) });
        },
      },
    );
    stop.checkAborted();
  });
}
