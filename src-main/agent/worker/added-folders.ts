// Claude Code's `permissions.additionalDirectories`: folders besides the project that the file
// tools may use and sandboxed commands may write in. Reading (readAddedFolder): `~/` counts from
// the home folder, a relative path from the project root; the real path is kept; a missing entry
// or a file is a start warning. Trust: a folder named in the owner's own ~/.claude/settings.json
// is the owner's word (Claude can neither read nor write that file). One named by the project's
// files (which Claude can edit with approval, or which came with a cloned repository) widens
// Claude's reach, so, like a hook, it is not usable until the owner confirmed it: at the first
// instruction of a session each such folder is an approval request; "yes"/"always" confirm it
// (recorded as a session rule, which later sessions of the project inherit: sessions/
// agent-config.ts), "no" or no answer leave it out for the session and Claude is told why. A folder
// holding the app's own data, or holding or lying in the owner's ~/.claude, is never added.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { isInside, type Reach } from '../paths.js';
import type { Approvals } from './approvals.js';
import { folderConfirmationRule, type AddedFolderStatus, type AgentEvent } from '../protocol.js';

export interface AddedFolder {
  /** Real path. */
  readonly path: string;
  /** The settings file that names it ("~/.claude/settings.json", ".claude/settings.json"). */
  readonly source: string;
  /** Named in the owner's own ~/.claude/settings.json: nothing to confirm. */
  readonly owner: boolean;
}

/** An additionalDirectories entry as a real folder, or the warning that says why it is left out. */
export async function readAddedFolder(entry: string, from: { readonly root: string; readonly home: string | undefined; readonly source: string; readonly owner: boolean }): Promise<AddedFolder | { readonly warning: string }> {
  const named = from.source === '/add-dir' ? `The folder ${JSON.stringify(entry)} added with /add-dir` : `${from.source}: additionalDirectories entry ${JSON.stringify(entry)}`;
  const home = entry === '~' || entry.startsWith('~/');
  if (home && !from.home) return { warning: `${named} names the home folder, which is not known here; ignored.` };
  const path = home ? join(from.home as string, entry.slice(1)) : isAbsolute(entry) ? resolve(entry) : resolve(from.root, entry);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { warning: `${named} does not exist (${path}); ignored.` };
  }
  const info = await stat(real).catch(() => undefined);
  if (!info?.isDirectory()) return { warning: `${named} is not a folder (${real}); ignored.` };
  return { path: real, source: from.source, owner: from.owner };
}

export interface AddedFoldersDeps {
  readonly approvals: Approvals;
  readonly emit: (event: AgentEvent) => void;
}

export class AddedFolders {
  readonly folders: readonly AddedFolder[];
  readonly warnings: string[] = [];
  private readonly confirmed = new Set<string>();
  private readonly refused = new Set<string>();

  constructor(
    folders: readonly AddedFolder[],
    root: string,
    /** Folders no tool may see (the app's data folder): an added folder may neither hold one nor lie in one. */
    hidden: readonly string[],
    /**
     * The owner's ~/.claude: its settings are trusted without a question (their folders, their
     * mode), so a folder Claude may write in must neither hold it (the home folder, `/`) nor lie
     * in it, or a sandboxed command could write itself more reach.
     */
    ownerClaudeDir: string | undefined,
    confirmedRules: readonly string[],
    private readonly deps: AddedFoldersDeps,
  ) {
    const kept: AddedFolder[] = [];
    for (const folder of folders) {
      if (isInside(root, folder.path) || kept.some((k) => k.path === folder.path)) continue;
      if (hidden.some((h) => isInside(folder.path, h) || isInside(h, folder.path))) {
        this.warnings.push(`${folder.source}: the added folder ${folder.path} holds the app's own data; ignored.`);
        continue;
      }
      if (ownerClaudeDir && (isInside(folder.path, ownerClaudeDir) || isInside(ownerClaudeDir, folder.path))) {
        this.warnings.push(`${folder.source}: the added folder ${folder.path} holds or lies in ${ownerClaudeDir}, whose settings Claude must not change; ignored.`);
        continue;
      }
      kept.push(folder);
      if (folder.owner || confirmedRules.includes(folderConfirmationRule(folder.path))) this.confirmed.add(folder.path);
    }
    this.folders = kept;
  }

  /** Real paths of the folders the tools may use now. */
  get usable(): string[] {
    return this.folders.filter((f) => this.confirmed.has(f.path)).map((f) => f.path);
  }

  /** What /status shows. */
  status(): AddedFolderStatus[] {
    return this.folders.map((f) => ({ path: f.path, source: f.source, confirmed: this.confirmed.has(f.path) }));
  }

  /** The file tools' reach now: the confirmed folders, and why the others are out of it. */
  reach(): Reach {
    return {
      added: this.usable,
      whyNot: (real) => {
        const folder = this.folders.find((f) => !this.confirmed.has(f.path) && isInside(f.path, real));
        if (!folder) return undefined;
        const answer = this.refused.has(folder.path) ? 'the owner did not confirm, so it stays out of reach' : 'the owner has not confirmed yet (they are asked at their next instruction)';
        return `is in ${folder.path}, a folder ${folder.source} adds, which ${answer}.`;
      },
    };
  }

  /**
   * Asks the owner about each folder not answered yet, one request each; returns sentences for
   * Claude about the answers. Stops asking when the turn is stopped (the rest wait for the next).
   */
  async confirmPending(turnId: string, signal: AbortSignal): Promise<string[]> {
    const notes: string[] = [];
    for (const [i, folder] of this.folders.entries()) {
      if (this.confirmed.has(folder.path) || this.refused.has(folder.path)) continue;
      if (signal.aborted) break;
      const answer = await this.deps.approvals.ask(
        {
          turnId,
          toolUseId: `added-folder-${i}`,
          tool: 'an added folder',
          summary: folder.path,
          reason: `${folder.source} adds this folder to the project (additionalDirectories): Claude could read and change its files, and sandboxed commands could write there. Yes adds it to the project (you are not asked again); no leaves it out of this session.`,
          sessionRule: folderConfirmationRule(folder.path),
        },
        signal,
      );
      if (answer.by === 'cancelled') break;
      if (answer.decision === 'deny') {
        this.refused.add(folder.path);
        notes.push(`[The owner did not confirm the folder ${folder.path} that ${folder.source} adds: it stays out of reach of the file tools and sandboxed commands this session. Do not try to use it.]`);
        continue;
      }
      this.confirmed.add(folder.path);
      this.deps.emit({ type: 'rule_added', rule: folderConfirmationRule(folder.path) });
      notes.push(`[The owner confirmed the folder ${folder.path} that ${folder.source} adds: the file tools may use it, and sandboxed commands may write there.]`);
    }
    return notes;
  }

  /** Whether a folder waits for the owner's answer (the next instruction asks). */
  get hasPending(): boolean {
    return this.folders.some((f) => !this.confirmed.has(f.path) && !this.refused.has(f.path));
  }
}
