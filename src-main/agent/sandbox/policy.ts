// What a sandboxed command may reach, as one value the worker decides and the spawner carries
// out (in the command host process or, as a fallback, in the worker). It crosses the host's
// socket, so it has a zod schema; the OS-specific wrappers (bwrap-args.ts, seatbelt-profile.ts)
// turn it into arguments and never widen it.
import { z } from 'zod';

export const SandboxPolicySchema = z.object({
  /** The project folder (real path): writable, like `added` and the private temp. */
  root: z.string().min(1),
  /** The added folders the owner confirmed (additionalDirectories, real paths): writable like the project. */
  added: z.array(z.string().min(1)).optional(),
  /** Whether the command may use the network (per project, off unless the owner allowed it). */
  network: z.boolean(),
  /** The owner's home folder: hidden (an empty private folder) except the project and `reveal`. */
  home: z.string().min(1).optional(),
  /** More folders to hide completely (the app's own data folder, wherever it lives). */
  hide: z.array(z.string().min(1)).default([]),
  /**
   * The session's private folder where the shell leaves its working directory and exported
   * variables for the next command (worker/shell-state.ts): writable, like the project.
   */
  state: z.string().min(1).optional(),
  /**
   * Paths inside the writable folders that stay read-only: the protected paths
   * (worker/protected-paths.ts), where a write would run code or widen permissions later,
   * outside the sandbox (a git hook, git's config, the editor's tasks, shell start-up files).
   */
  readOnly: z.array(z.string().min(1)).optional(),
});
export type SandboxPolicy = z.output<typeof SandboxPolicySchema>;

/**
 * Folders under the home that tools are commonly installed in and that hold no secrets: they
 * stay visible (read-only) so `node`, `cargo`, `pyenv` and friends installed per user still run.
 * Everything else in the home (~/.ssh, ~/.aws, ~/.config, ~/.npmrc, ~/.netrc …) is not there.
 */
export const HOME_TOOL_DIRS = [
  '.nvm',
  '.volta',
  '.fnm',
  '.local/bin',
  '.local/lib',
  '.local/share/fnm',
  '.local/share/pnpm',
  '.bun/bin',
  '.deno/bin',
  '.cargo/bin',
  '.rustup',
  '.pyenv',
  '.rbenv',
  '.sdkman/candidates',
  'go/bin',
  '.gitconfig',
  '.config/git',
] as const;

/**
 * Per-user runtime folders: the session D-Bus, ssh-agent and gpg-agent sockets live there, and
 * would let a command use the owner's keys without reading them. Hidden like the home.
 */
export const RUNTIME_DIRS = ['/run/user'] as const;

/** Sockets on the host that would hand out more power than the sandbox allows. */
export const HOST_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'] as const;
