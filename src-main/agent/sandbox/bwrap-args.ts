// Linux: the bubblewrap command line for one sandboxed command. Pure (whether a path exists is
// asked through `exists`), so the exact confinement is unit-tested:
//   - the whole filesystem read-only (--ro-bind / /), fresh /dev and /proc;
//   - a private, empty, writable /tmp (and the process's TMPDIR when it lives elsewhere);
//   - the home folder replaced by an empty one, with per-user tool folders (HOME_TOOL_DIRS)
//     mounted back read-only; /run/user (agent sockets), the app's data folder and the Docker
//     socket hidden;
//   - the project folder and the added folders the owner confirmed mounted writable (last, so
//     they win over anything above), and the session's shell-state folder (where a command
//     leaves its working directory); the protected paths in them (.git/hooks, .git/config,
//     .claude/, .vscode/, .husky/, .envrc, .npmrc …) read-only again where they exist;
//   - a new PID namespace with --die-with-parent: when the command's shell ends, or the process
//     that started bwrap dies, every process inside ends too, detached or `setsid` ones included;
//   - no capabilities, even when the app runs as root;
//   - a new session (no typing into the owner's terminal) and, unless allowed, no network
//     (a separate network namespace: not even the computer's own 127.0.0.1 is reachable).
import { join } from 'node:path';
import { HOME_TOOL_DIRS, HOST_SOCKETS, RUNTIME_DIRS, type SandboxPolicy } from './policy.js';

export interface BwrapInput {
  readonly policy: SandboxPolicy;
  readonly cwd: string;
  readonly shell: string;
  readonly command: string;
  /** The TMPDIR of the process, made private too when it is not under /tmp. */
  readonly tmpDir?: string | undefined;
  readonly exists: (path: string) => boolean;
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

export function bwrapArgs(input: BwrapInput): string[] {
  const { policy, exists } = input;
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  if (input.tmpDir && !inside(input.tmpDir, '/tmp') && exists(input.tmpDir)) args.push('--tmpfs', input.tmpDir);
  const home = policy.home;
  if (home && home !== '/' && exists(home)) {
    args.push('--tmpfs', home);
    for (const rel of HOME_TOOL_DIRS) {
      const path = join(home, rel);
      if (exists(path)) args.push('--ro-bind', path, path);
    }
  }
  // The project after the home (it may live there), the hidden things after the project (they
  // may live in it): a later mount wins.
  args.push('--bind', policy.root, policy.root);
  for (const path of policy.added ?? []) if (exists(path)) args.push('--bind', path, path);
  // After the private /tmp it usually lives in, or the shell could not leave its state there.
  if (policy.state && exists(policy.state)) args.push('--bind', policy.state, policy.state);
  // After the writable folders they lie in: a git hook, git's config and the other protected
  // paths stay as they are, whatever program writes (a missing one cannot be mounted over).
  for (const path of policy.readOnly ?? []) if (exists(path)) args.push('--ro-bind', path, path);
  for (const path of [...RUNTIME_DIRS, ...policy.hide]) if (exists(path)) args.push('--tmpfs', path);
  for (const path of HOST_SOCKETS) if (exists(path)) args.push('--ro-bind', '/dev/null', path);
  // bwrap keeps every capability when started by root (a root daemon, a container): drop them, or
  // `mount -o remount,rw /` undoes the read-only filesystem.
  args.push('--cap-drop', 'ALL', '--unshare-pid', '--die-with-parent', '--new-session');
  if (!policy.network) args.push('--unshare-net');
  args.push('--chdir', input.cwd, '--', input.shell, '-c', input.command);
  return args;
}
