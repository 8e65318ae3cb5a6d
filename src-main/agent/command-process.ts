// Starting a Bash command, in one of two ways with the same events: directly with
// child_process.spawn, or through the command host (agent/command-host/), a small process that
// spawns for every worker. Why the host: spawn forks the calling process, and forking the app's
// process (hundreds of MB, dozens of threads) copies its page tables while holding every malloc
// arena lock, which stalls the main thread's event loop for every command any session runs
// (bench/sessions-lag.bench.ts measured p99 lag over half a second with 50 busy sessions).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxPolicy } from './sandbox/policy.js';
import { launchFor } from './sandbox/wrap.js';

export const SHELL = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';

const KILL_GRACE_MS = 300;

/** After 'exit', how long the pipes may take to deliver what was already written. */
const DRAIN_MS = 50;

export interface CommandRequest {
  readonly command: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Run inside the OS sandbox with this policy (sandbox/); absent: run as the owner's process. */
  readonly sandbox?: SandboxPolicy | undefined;
  /** Written to the command's stdin, which is then closed (hooks read their JSON input there). */
  readonly stdin?: string | undefined;
}

export interface CommandEnd {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the command could not be started or its runner went away. */
  readonly error?: string;
}

/** What a running command reports; `ended` comes exactly once, after all output. */
export interface CommandEvents {
  /** The shell's pid, which is also its process group id (kill(-pid) reaches its children). */
  started(pid: number): void;
  /** `stderr` true for what the command wrote to stderr (hooks tell the two apart). */
  output(text: string, stderr?: boolean): void;
  ended(end: CommandEnd): void;
}

/** Starts `command` in the shell, in its own process group, with stdin closed (or fed `stdin`). */
export type CommandSpawner = (request: CommandRequest, events: CommandEvents) => void;

/** Holding back a command's output (it blocks writing once its pipe is full). */
export interface CommandFlow {
  pause(): void;
  resume(): void;
}

const NO_FLOW: CommandFlow = { pause: () => undefined, resume: () => undefined };

export function spawnDirect(request: CommandRequest, events: CommandEvents): CommandFlow {
  const launch = launchFor(request, SHELL);
  if (launch instanceof Error) {
    events.ended({ exitCode: null, signal: null, error: launch.message });
    return NO_FLOW;
  }
  const input = request.stdin === undefined ? undefined : inputFile(request.stdin);
  const child = spawn(launch.file, [...launch.args], {
    cwd: request.cwd,
    env: launch.env,
    detached: true, // own process group: kill(-pid) reaches its children too
    stdio: [input ?? 'ignore', 'pipe', 'pipe'],
  }) as ChildProcessByStdio<null, Readable, Readable>;
  if (input !== undefined) closeSync(input);
  let ended = false;
  const end = (result: CommandEnd): void => {
    if (ended) return;
    ended = true;
    events.ended(result);
  };
  if (child.pid !== undefined) events.started(child.pid);
  child.stdout.setEncoding('utf8').on('data', (d: string) => events.output(d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => events.output(d, true));
  child.on('error', (error) => end({ exitCode: null, signal: null, error: error.message }));
  // 'exit' rather than 'close': a grandchild holding the pipes open must not stall us;
  // give the pipes a moment to drain what was already written.
  child.on('exit', (exitCode, signal) => {
    const drained = setTimeout(() => end({ exitCode, signal }), DRAIN_MS);
    child.on('close', () => {
      clearTimeout(drained);
      end({ exitCode, signal });
    });
  });
  return {
    pause: () => {
      child.stdout.pause();
      child.stderr.pause();
    },
    resume: () => {
      child.stdout.resume();
      child.stderr.resume();
    },
  };
}

/**
 * The command's input as an open, already unlinked file. Not a Node 'pipe': that is a socket
 * pair, and bash reads ~/.bashrc when its stdin is a socket (it takes itself for an rsh/ssh
 * session), which would run the owner's shell start-up in every hook and could spoil its output.
 */
function inputFile(text: string): number {
  const path = join(tmpdir(), `signal-claude-stdin-${randomBytes(8).toString('hex')}`);
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  try {
    return openSync(path, 'r');
  } finally {
    unlinkSync(path);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Ends a process group: SIGTERM now, SIGKILL after a short grace for anything still there
 * (then `done`). The timer is not unref'd so a worker that is closing waits for the SIGKILL.
 */
export function killProcessGroup(pid: number, done?: () => void): void {
  signalGroup(pid, 'SIGTERM');
  setTimeout(() => {
    signalGroup(pid, 'SIGKILL');
    done?.();
  }, KILL_GRACE_MS);
}
