// Which files Grep skips, the way ripgrep decides as Claude Code runs it: `.gitignore` files
// (inside a git repository, with `.git/info/exclude`), `.ignore` and `.rgignore` in every folder
// from the project root down, a deeper folder's rule winning over a shallower one and `!`
// patterns re-including. The patterns are matched by the `ignore` package (gitignore syntax).
// Rule files above the project root are not read: the tools never look outside it.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isInside } from '../../paths.js';

/** In ripgrep's order of precedence, lowest first (later rules override earlier ones). */
const RULE_FILES = ['.gitignore', '.ignore', '.rgignore'];

async function readRules(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** The folder holding `.git` at or above `from`, if any (ripgrep honours .gitignore only in a repository). */
async function gitRootOf(from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    if (await stat(join(dir, '.git')).then(() => true, () => false)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export class IgnoreRules {
  private readonly byDir = new Map<string, Ignore | null>();

  private constructor(
    private readonly root: string,
    private readonly inGitRepo: boolean,
    private readonly gitRoot: string | undefined,
  ) {}

  static async forProject(root: string): Promise<IgnoreRules> {
    const gitRoot = await gitRootOf(root);
    return new IgnoreRules(root, gitRoot !== undefined, gitRoot);
  }

  /** Loads the rule files of `dir` and of every folder between the project root and it. */
  async enter(dir: string): Promise<void> {
    if (!isInside(this.root, dir)) return;
    if (dir !== this.root) await this.enter(dirname(dir));
    if (this.byDir.has(dir)) return;
    const texts: string[] = [];
    if (dir === this.gitRoot) {
      const exclude = await readRules(join(dir, '.git', 'info', 'exclude'));
      if (exclude) texts.push(exclude);
    }
    for (const name of RULE_FILES) {
      if (name === '.gitignore' && !this.inGitRepo) continue;
      const text = await readRules(join(dir, name));
      if (text) texts.push(text);
    }
    this.byDir.set(dir, texts.length ? ignore({ allowRelativePaths: true }).add(texts.join('\n')) : null);
  }

  /** Whether `abs` (a file, or a folder when `isDir`) is ignored; its folders must have been entered. */
  ignores(abs: string, isDir: boolean): boolean {
    for (let dir = dirname(abs); isInside(this.root, dir); dir = dirname(dir)) {
      const rules = this.byDir.get(dir);
      if (rules) {
        const rel = relative(dir, abs).split(sep).join('/') + (isDir ? '/' : '');
        const verdict = rules.test(rel);
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      if (dir === this.root) break;
    }
    return false;
  }
}
