// CLAUDE.md files in the project's sub-folders, loaded as Claude Code loads them: not at the
// start (a large repository has dozens, and most sessions never go near most of them) but the
// first time Claude reads a file in that folder or below. Their text comes with that Read's
// result, once per session; memory.ts reads the ones at the root and above for the system
// prompt, and the two share what was loaded so nothing comes twice. A file a deny rule keeps
// from Read is not loaded this way either. After a worker restart the conversation still holds
// what earlier results carried, so those are not sent again (seed). A folder is looked at once per
// session (a CLAUDE.md created there later waits for the next session), not on every Read below it.
import { dirname, join, relative } from 'node:path';
import type { Step } from '../transcript.js';
import { toolOutputText } from '../content.js';
import { isInside } from '../paths.js';
import { capMemory, memoryParts, PROJECT_FILES, type MemoryFile, type MemoryOptions } from './memory.js';

/** How each loaded file is introduced (memory.ts's "Contents of PATH (LABEL; follow them)"). */
const LABEL = 'instructions for the files in its folder';
const SHOWN = new RegExp(`Contents of (\\S+) \\(${LABEL}; follow them\\)`, 'g');

export class NestedMemory {
  /** Project-relative paths an earlier tool result already carried. */
  private readonly shown = new Set<string>();
  /** Folders looked at already: each is looked at once per session, not on every Read below it. */
  private readonly checked = new Set<string>();

  constructor(
    private readonly options: MemoryOptions,
    /** Real paths loaded already (the system prompt's files among them). */
    private readonly seen: Set<string>,
  ) {}

  seed(steps: readonly Step[]): void {
    for (const step of steps) {
      if (step.kind !== 'tool_result') continue;
      for (const m of toolOutputText(step.output).matchAll(SHOWN)) this.shown.add(m[1] as string);
    }
  }

  /** The memory of the folders from the project root (excluded) down to `absFile`'s, not loaded yet; undefined when none. */
  async forFile(absFile: string, readDenied: (absPath: string) => boolean): Promise<string | undefined> {
    const { root } = this.options;
    const dirs: string[] = [];
    for (let dir = dirname(absFile); dir !== root && isInside(root, dir); dir = dirname(dir)) if (!this.checked.has(dir)) dirs.unshift(dir);
    if (dirs.length === 0) return undefined;
    for (const dir of dirs) this.checked.add(dir);
    const files: MemoryFile[] = dirs.flatMap((dir) => PROJECT_FILES.map((rel) => ({ path: join(dir, rel), label: LABEL })));
    const skip = (real: string): boolean => !isInside(root, real) || readDenied(real) || this.shown.has(relative(root, real));
    const parts = await memoryParts(files, this.options, this.seen, skip);
    if (parts.length === 0) return undefined;
    return `<system-reminder>\n${capMemory(parts.join('\n\n'))}\n</system-reminder>`;
  }
}
