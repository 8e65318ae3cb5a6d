// For one session: which Bash commands run in the OS sandbox and with what policy, which ones
// run unsandboxed (no sandbox here, turned off, or excluded by sandbox.excludedCommands) and
// must therefore be approved by the owner, and the sentences that tell Claude and the owner
// exactly what is confined.
import { homedir } from 'node:os';
import { sandboxSupport, type SandboxSupport } from '../sandbox/detect.js';
import type { SandboxConfig } from '../sandbox/config.js';
import type { SandboxPolicy } from '../sandbox/policy.js';
import { nestedProtectedPaths } from './nested-protected-paths.js';
import { protectedPathsIn } from './protected-paths.js';

/** `docker`, `docker:*` and `docker *` all exclude commands that start with the word docker. */
export function isExcluded(command: string, patterns: readonly string[]): boolean {
  const text = command.trim();
  return patterns.some((raw) => {
    const word = raw.trim().replace(/(:\*|\s+\*)$/, '').trim();
    return word.length > 0 && (text === word || text.startsWith(`${word} `) || text.startsWith(`${word}\t`));
  });
}

export class SandboxPlan {
  readonly support: SandboxSupport;
  private networkAllowed: boolean;

  constructor(
    private readonly config: SandboxConfig,
    private readonly root: string,
    private readonly env: Readonly<Record<string, string>>,
    /** The added folders the owner confirmed so far (added-folders.ts): writable like the project. */
    private readonly added: () => readonly string[] = () => [],
  ) {
    this.networkAllowed = config.network;
    this.support = config.enabled ? (config.support ?? sandboxSupport()) : { kind: 'none', reason: 'the owner turned the sandbox off' };
  }

  get active(): boolean {
    return this.support.kind !== 'none';
  }

  get network(): boolean {
    return this.networkAllowed;
  }

  setNetwork(network: boolean): void {
    this.networkAllowed = network;
  }

  /** Whether `command` runs in the sandbox (policyFor without the walk for nested protected paths). */
  sandboxes(command: string): boolean {
    return this.active && !isExcluded(command, this.config.excludedCommands);
  }

  /** The policy `command` runs under; undefined when it runs unsandboxed. */
  policyFor(command: string): SandboxPolicy | undefined {
    if (!this.sandboxes(command)) return undefined;
    const added = this.added();
    // Looked for at each command: a command may have cloned a repository or added a submodule.
    const readOnly = [this.root, ...added].flatMap((folder) => [...protectedPathsIn(folder), ...nestedProtectedPaths(folder)]);
    return { root: this.root, network: this.networkAllowed, home: this.env.HOME ?? homedir(), hide: [...this.config.hide], ...(added.length > 0 ? { added: [...added] } : {}), readOnly };
  }

  /**
   * Why `command` would run outside the sandbox and so needs the owner's approval even where a
   * mode would let it run; undefined when it runs sandboxed (or the owner chose not to be asked).
   */
  unsandboxedReason(command: string): string | undefined {
    if (this.active && isExcluded(command, this.config.excludedCommands)) return '⚠️ Runs unsandboxed: sandbox.excludedCommands lists it.';
    if (this.active || !this.config.askWhenUnsandboxed) return undefined;
    return `⚠️ Runs unsandboxed: ${this.support.kind === 'none' ? this.support.reason : 'no sandbox'}.`;
  }

  /**
   * The paragraph of the system prompt that says what Bash can and cannot reach (`addedFolders`:
   * the settings add folders, named in the prompt's next paragraph).
   */
  promptText(addedFolders = false): string {
    if (!this.active) {
      return [
        'Bash commands are NOT sandboxed on this computer: they run as the owner, can read and write anything the owner can',
        'and use the network, so the owner approves each one. Keep them inside the project folder.',
      ].join(' ');
    }
    const net = this.config.network ? 'The network is allowed for this project.' : 'There is no network (not even 127.0.0.1 of the computer); the owner can allow it with /net on.';
    const excluded = this.config.excludedCommands.length > 0 ? ` Commands starting with ${this.config.excludedCommands.join(', ')} run outside the sandbox and need the owner's approval.` : '';
    return [
      `Bash commands run in an OS sandbox: only the project folder${addedFolders ? ', the added folders the owner confirmed' : ''} and a private /tmp are writable (but not`,
      'their .git/hooks, .git/config, .claude/, editor folders and shell or package-manager settings); the rest of the',
      'filesystem is read-only; the owner\'s home folder is hidden (only per-user tool folders such as ~/.nvm and ~/.cargo/bin',
      `remain, read-only); every process a command starts ends with it, background ones included. ${net}${excluded}`,
      'When a command fails because of the sandbox, ask the owner instead of working around it.',
    ].join(' ');
  }
}
