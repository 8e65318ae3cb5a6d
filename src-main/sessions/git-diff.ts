// `/diff` and `/diff <file>`: the session's uncommitted changes (staged, unstaged and new
// files) as one patch from git, through an injectable runner so tests and the daemon decide
// how git runs. Projects without git use diff-compute.ts with before/after images instead.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../shared/errors.js';
import { renderDiffForPhone, type PhoneDiffOptions } from '../display/diff.js';
import type { RenderedMessage } from '../display/types.js';

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Runs `git <args>` in `cwd`. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<GitResult>;

export interface ExecGitOptions {
  readonly gitPath?: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** The real runner: git without a shell, no pager, no colour, no optional locks. */
export function execGitRunner(options: ExecGitOptions = {}): GitRunner {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      execFile(
        options.gitPath ?? 'git',
        [...args],
        {
          cwd,
          encoding: 'utf8',
          timeout: options.timeoutMs ?? 30_000,
          maxBuffer: options.maxBytes ?? 64 * 1024 * 1024,
          // Never take index.lock behind Claude's back; keep messages in English.
          env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
          windowsHide: true,
        },
        (error, stdout, stderr) => {
          if (error && typeof (error as { code?: unknown }).code !== 'number') {
            reject(new AppError('AGENT_TOOL', `git could not run: ${error.message}`, { hint: 'Is git installed and on PATH?', cause: error }));
            return;
          }
          resolve({ stdout, stderr, exitCode: error ? Number((error as { code?: unknown }).code) : 0 });
        },
      );
    });
}

export type UncommittedDiff =
  | { readonly kind: 'diff'; readonly patch: string; readonly untrackedLeftOut: number }
  | { readonly kind: 'not-a-repo' }
  | { readonly kind: 'outside-project'; readonly file: string };

export interface UncommittedOptions {
  /** One file (relative to the project) instead of the whole project. */
  readonly file?: string;
  /** Include files git does not track yet (not ignored ones). Default true. */
  readonly includeUntracked?: boolean;
  /** Most untracked files to include. Default 50. */
  readonly maxUntracked?: number;
}

// The tree of an empty repository: the base before the first commit.
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
// Fixed prefixes and options, whatever the user's git config says (noprefix, mnemonicPrefix,
// external diff tools, textconv filters would all make a patch that does not apply).
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--binary', '-M', '--src-prefix=a/', '--dst-prefix=b/'];
const BASE = ['-c', 'core.quotePath=false'];

async function gitOk(git: GitRunner, args: readonly string[], cwd: string): Promise<string> {
  const r = await git([...BASE, ...args], cwd);
  if (r.exitCode !== 0) throw new AppError('AGENT_TOOL', `git ${args[0] ?? ''} failed: ${r.stderr.trim().split('\n').pop() ?? ''}`);
  return r.stdout;
}

/** The project's uncommitted changes (or one file's) as a patch that applies at the repository root. */
export async function uncommittedDiff(git: GitRunner, projectDir: string, options: UncommittedOptions = {}): Promise<UncommittedDiff> {
  const top = await git(['rev-parse', '--show-toplevel'], projectDir);
  if (top.exitCode !== 0) return { kind: 'not-a-repo' };
  const root = top.stdout.trim();
  const project = path.resolve(projectDir);
  let scope = path.relative(root, project) || '.';
  if (options.file !== undefined) {
    const target = path.resolve(project, options.file);
    const rel = path.relative(project, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'outside-project', file: options.file };
    scope = path.relative(root, target) || '.';
  }
  const pathspec = ['--', toPosix(scope)];
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], root);
  const base = head.exitCode === 0 ? 'HEAD' : EMPTY_TREE;
  let patch = await gitOk(git, ['diff', ...DIFF_FLAGS, base, ...pathspec], root);
  let untrackedLeftOut = 0;
  if (options.includeUntracked ?? true) {
    const listed = await gitOk(git, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name', ...pathspec], root);
    const files = listed.split('\0').filter(Boolean).sort();
    const max = options.maxUntracked ?? 50;
    untrackedLeftOut = Math.max(0, files.length - max);
    for (const file of files.slice(0, max)) {
      // --no-index exits 1 when the files differ, which they always do here.
      const r = await git([...BASE, 'diff', '--no-index', ...DIFF_FLAGS, '--', '/dev/null', file], root);
      if (r.exitCode > 1) throw new AppError('AGENT_TOOL', `git diff of new file ${file} failed: ${r.stderr.trim()}`);
      patch += r.stdout;
    }
  }
  return { kind: 'diff', patch, untrackedLeftOut };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `/diff [file]` end to end: git → redacted, rendered messages for the phone. */
export async function renderUncommittedChanges(
  git: GitRunner,
  projectDir: string,
  options: UncommittedOptions & PhoneDiffOptions = {},
): Promise<RenderedMessage[]> {
  const result = await uncommittedDiff(git, projectDir, options);
  if (result.kind === 'not-a-repo') {
    return [{ body: 'This project is not a git repository, so there is no diff to show.', bodyRanges: [], attachments: [] }];
  }
  if (result.kind === 'outside-project') {
    return [{ body: `${result.file} is outside the project.`, bodyRanges: [], attachments: [] }];
  }
  const empty = options.file === undefined ? 'No uncommitted changes.' : `No uncommitted changes in ${options.file}.`;
  const footer = result.untrackedLeftOut > 0 ? `(${result.untrackedLeftOut} more new files not shown)` : undefined;
  return renderDiffForPhone(result.patch, { emptyText: empty, footer, ...options });
}
