// Turns a command that must run sandboxed into the program to start: bwrap on Linux,
// sandbox-exec on macOS. Runs where commands are spawned (the command host process, or the
// worker when the host is unreachable). A command that asks for the sandbox where none works
// is refused rather than run unconfined: the worker decided to run it sandboxed.
import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { bwrapArgs } from './bwrap-args.js';
import { sandboxSupport, type SandboxSupport } from './detect.js';
import type { SandboxPolicy } from './policy.js';
import { seatbeltProfile } from './seatbelt-profile.js';

export interface Launch {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface SandboxRequest {
  readonly command: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly sandbox?: SandboxPolicy | undefined;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** How to start `request` with `shell`: as is, or inside the sandbox; an Error when it cannot be confined. */
export function launchFor(request: SandboxRequest, shell: string, support: SandboxSupport = sandboxSupport()): Launch | Error {
  if (!request.sandbox) return { file: shell, args: ['-c', request.command], env: request.env };
  if (support.kind === 'none') return new Error(`This command must run in the sandbox, but ${support.reason}; it was not run.`);
  const policy = request.sandbox;
  if (support.kind === 'bwrap') {
    // Inside, temp files go to the private /tmp whatever TMPDIR the app had.
    const args = bwrapArgs({ policy, cwd: request.cwd, shell, command: request.command, tmpDir: request.env.TMPDIR ?? tmpdir(), exists: existsSync });
    return { file: support.path, args, env: { ...request.env, TMPDIR: '/tmp' } };
  }
  const tempDirs = [...new Set(['/private/tmp', '/private/var/tmp', real(request.env.TMPDIR ?? tmpdir())])];
  const profile = seatbeltProfile({ policy: { ...policy, root: real(policy.root), ...(policy.home ? { home: real(policy.home) } : {}), hide: policy.hide.map(real), ...(policy.state ? { state: real(policy.state) } : {}) }, tempDirs });
  return { file: support.path, args: ['-p', profile, shell, '-c', request.command], env: request.env };
}
