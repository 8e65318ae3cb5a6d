// What one session's Bash remembers between calls, as Claude Code's does: the working directory
// (a `cd` in one call holds for the next) and the variables a command exported. Each call still
// runs in a fresh shell; a trap at its end leaves `pwd -P` and the exported variables in a
// private folder of the session (written by the command, so read as untrusted data: no symlinks
// followed, size capped, NUL-separated pairs parsed, never sourced as shell code). The folder
// stays where the command was confined, not where it went:
//   - a directory outside the project (and the folders the owner added) is not kept: the next
//     call starts in the project root again and Claude is told why;
//   - variables exported by a sandboxed command stay with sandboxed commands; a command that runs
//     outside the sandbox (the owner approved it) gets only what approved commands exported, so a
//     sandboxed `export PATH=./evil:$PATH` cannot choose what an approved `docker ps` runs.
import { constants } from 'node:fs';
import { mkdtemp, open, realpath, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInside } from '../paths.js';
import { SHELL } from '../command-process.js';

/** Larger state files are ignored (a command wrote them on purpose). */
const MAX_STATE_BYTES = 256 * 1024;

/**
 * Never carried over: what the shell sets itself or the sandbox sets for it, and CDPATH, which
 * would send a later `cd name` into a folder of its list that the permission checks, reading
 * the command, cannot see (bash-analysis.ts). A command never starts with CDPATH either.
 */
const SHELL_OWN = new Set(['PWD', 'OLDPWD', 'SHLVL', '_', 'TMPDIR', 'CDPATH']);
const SECRET_ENV = /^(ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|SIGNAL_CLAUDE_.*)$/;

interface Change {
  /** null: the command unset it. */
  readonly value: string | null;
  /** Set by a command that ran outside the sandbox, i.e. one the owner approved. */
  readonly approved: boolean;
}

/** What one command starts with. */
export interface ShellStart {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Sentences for Claude about what was not carried into this command. */
  readonly notes: readonly string[];
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function readState(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_STATE_BYTES) return undefined;
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export class ShellState {
  private current: string;
  private readonly changes = new Map<string, Change>();

  private constructor(
    private readonly root: string,
    /** The app's environment for commands (secrets removed): what every command starts from. */
    readonly baseEnv: Readonly<Record<string, string>>,
    /** The session's private folder for what commands leave behind. */
    readonly stateDir: string,
    private readonly places: () => readonly string[],
  ) {
    this.current = root;
  }

  /** `places`: folders besides the root the working directory may be in (additionalDirectories). */
  static async create(root: string, base: Readonly<Record<string, string>>, places: () => readonly string[] = () => []): Promise<ShellState> {
    const dir = await mkdtemp(join(tmpdir(), 'signal-claude-shell-'));
    return new ShellState(root, base, await realpath(dir), places);
  }

  get cwd(): string {
    return this.current;
  }

  private allowed(dir: string): boolean {
    return [this.root, ...this.places()].some((place) => isInside(place, dir));
  }

  /** The variables a command gets: the app's, plus what earlier commands exported (see the header). */
  private envFor(sandboxed: boolean): { env: Record<string, string>; withheld: string[] } {
    const env = { ...this.baseEnv };
    delete env.CDPATH; // the owner's own, too: `cd src` goes to the project's src
    const withheld: string[] = [];
    for (const [name, change] of this.changes) {
      if (!sandboxed && !change.approved) {
        withheld.push(name);
        continue;
      }
      if (change.value === null) delete env[name];
      else env[name] = change.value;
    }
    return { env, withheld };
  }

  /** Where and with what the next command starts; a folder deleted since is left for the root. */
  async start(sandboxed: boolean): Promise<ShellStart> {
    const notes: string[] = [];
    if (this.current !== this.root) {
      const info = await stat(this.current).catch(() => undefined);
      if (!info?.isDirectory()) {
        notes.push(`[The working directory ${this.current} no longer exists; this command runs in the project root ${this.root}.]`);
        this.current = this.root;
      }
    }
    const { env, withheld } = this.envFor(sandboxed);
    if (withheld.length > 0) {
      notes.push(`[Variables exported by sandboxed commands were not passed to this command, which runs outside the sandbox: ${withheld.sort().join(', ')}.]`);
    }
    return { cwd: this.current, env, notes };
  }

  /**
   * The command as the shell runs it: a trap that records the directory and the exported
   * variables when it ends, then the command itself on the same line (so line numbers in
   * errors stay the command's own). The old record is removed first (see `finish`).
   */
  async wrap(command: string): Promise<string> {
    await Promise.all(['cwd', 'env'].map((f) => unlink(join(this.stateDir, f)).catch(() => undefined)));
    const cwdFile = quoted(join(this.stateDir, 'cwd'));
    const envFile = quoted(join(this.stateDir, 'env'));
    const saveEnv = SHELL.endsWith('bash')
      ? `IFS=$' \\t\\n'; for __sc_n in $(compgen -e); do printf '%s=%s\\0' "$__sc_n" "\${!__sc_n}"; done >| ${envFile} 2>/dev/null; `
      : '';
    const trap = `pwd -P >| ${cwdFile} 2>/dev/null; ${saveEnv}`;
    return `trap ${quoted(trap)} EXIT; ${command}`;
  }

  /**
   * Takes in what the command left: its directory (kept only inside the allowed places) and the
   * variables it changed relative to what it started with. Returns notes for Claude. Nothing
   * left (the command was killed, or replaced the shell with `exec`) keeps the previous state.
   */
  async finish(started: ShellStart, sandboxed: boolean): Promise<string[]> {
    const notes: string[] = [];
    const cwdText = await readState(join(this.stateDir, 'cwd'));
    const dir = cwdText?.replace(/\n$/, '');
    if (dir && !dir.includes('\n') && !dir.includes('\0')) {
      const real = await realpath(dir).catch(() => undefined);
      if (real && this.allowed(real)) this.current = real;
      else if (dir !== started.cwd) {
        this.current = this.root;
        notes.push(`[The shell's working directory was reset to the project root ${this.root}: ${dir.slice(0, 300)} is outside the folders Claude may work in.]`);
      }
    }
    const envText = await readState(join(this.stateDir, 'env'));
    if (envText !== undefined) this.absorbEnv(envText, started.env, sandboxed);
    return notes;
  }

  private absorbEnv(dump: string, startedWith: Readonly<Record<string, string>>, sandboxed: boolean): void {
    const after = new Map<string, string>();
    for (const pair of dump.split('\0')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) after.set(name, pair.slice(eq + 1));
    }
    const names = new Set([...after.keys(), ...Object.keys(startedWith)]);
    for (const name of names) {
      if (SHELL_OWN.has(name) || SECRET_ENV.test(name)) continue;
      const value = after.get(name) ?? null;
      if (value === (startedWith[name] ?? null)) continue;
      // Back to the app's own value: nothing to remember.
      if (value === (this.baseEnv[name] ?? null)) this.changes.delete(name);
      else this.changes.set(name, { value, approved: !sandboxed });
    }
  }

  /**
   * Variables for sandboxed commands only, as if a sandboxed command had exported them: the
   * project settings files' `env` (Claude can edit those files, so they must not choose what a
   * command the owner approves to run outside the sandbox gets).
   */
  presetSandboxed(vars: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(vars)) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !SHELL_OWN.has(name) && !SECRET_ENV.test(name)) this.changes.set(name, { value, approved: false });
    }
  }

  /** The variables a command (or a hook) starts with, sandboxed or not. */
  envOf(sandboxed: boolean): Record<string, string> {
    return this.envFor(sandboxed).env;
  }

  /** The names earlier commands exported or unset (for tests and /status). */
  get exported(): readonly string[] {
    return [...this.changes.keys()].sort();
  }

  async dispose(): Promise<void> {
    await rm(this.stateDir, { recursive: true, force: true });
  }
}
