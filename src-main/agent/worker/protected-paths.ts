// Paths that always ask the owner before Claude writes to them, in every permission mode
// (bypassPermissions and acceptEdits included) and whatever a settings file allows. Each one,
// once written, runs code or widens permissions later, outside the turn the owner is watching:
//   .claude/                 permission rules and hooks of Claude Code (and of this app)
//   .mcp.json                MCP servers, i.e. commands started by Claude tools
//   .git/                    hooks run on the owner's next commit; config can set a pager, an
//                            fsmonitor or hooksPath that run commands
//   .gitmodules .gitconfig   submodule URLs and update commands, git settings
//   .husky/ .githooks/       git hooks kept in the work tree
//   .github/workflows/       CI jobs that run with the repository's secrets on the next push
//   .vscode/ .idea/ .devcontainer/   editor tasks and run configurations that start on open
//   .envrc                   direnv runs it on the next `cd` into the project
//   .bashrc .bash_profile .bash_login .bash_logout .profile .zshrc .zprofile .zshenv .zlogin
//   .zlogout                 shell start-up files: run by every new shell
//   .npmrc .yarnrc .yarnrc.yml   package-manager settings (script-shell, node-options, yarnPath)
// Names compare case-insensitively and without trailing dots or spaces, because macOS and
// Windows file systems treat `.GIT/hooks` and `.git./hooks` as `.git/hooks`.
// README's Security section lists the same paths; keep the two in step.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const PROTECTED_DIRS: readonly string[] = ['.claude', '.git', '.husky', '.githooks', '.vscode', '.idea', '.devcontainer'];

/** Folders protected only at this nesting (`.github` itself holds harmless files too). */
export const PROTECTED_NESTED_DIRS: readonly string[] = ['.github/workflows'];

export const PROTECTED_FILES: readonly string[] = [
  '.mcp.json',
  '.gitmodules',
  '.gitconfig',
  '.envrc',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zprofile',
  '.zshenv',
  '.zlogin',
  '.zlogout',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
];

/** A segment as macOS and Windows see it: trailing dots and spaces dropped, any letter case. */
export function canonicalName(segment: string): string {
  return segment.replace(/[. ]+$/, '').toLowerCase();
}

/** The path's names, canonical; empty ones (`//`, `./`, a name of only dots) never name anything protected. */
function segmentsOf(path: string): string[] {
  return path
    .split(/[\\/]/)
    .map(canonicalName)
    .filter((s) => s !== '');
}

/**
 * Why `relPath` (a '/'-separated path relative to the project root, or any path) is
 * protected, or undefined when it is not.
 */
export function protectedReason(relPath: string): string | undefined {
  const segments = segmentsOf(relPath);
  for (const [i, s] of segments.entries()) {
    const isLast = i === segments.length - 1;
    if (PROTECTED_DIRS.includes(s)) return `${s}${isLast ? '' : '/'} is a protected path`;
    const pair = `${s}/${segments[i + 1]}`;
    if (PROTECTED_NESTED_DIRS.includes(pair)) return `${pair}/ is a protected path`;
    if (isLast && PROTECTED_FILES.includes(s)) return `${s} is a protected path`;
  }
  return undefined;
}

/**
 * The protected paths in a folder commands may write to, for the OS sandbox to keep read-only
 * (bwrap: the ones that exist; Seatbelt: every one). Within `.git` only `hooks/` and `config`:
 * git itself must still write its objects, index and refs in a sandboxed `git commit`. The
 * permission checks see a write a command names; this also stops the ones it does not name
 * (a script, a test runner, `sed -i`, `git config core.hooksPath`).
 */
export function protectedPathsIn(folder: string): string[] {
  const dirs = PROTECTED_DIRS.flatMap((d) => (d === '.git' ? ['.git/hooks', '.git/config'] : [d]));
  return [...dirs, ...PROTECTED_NESTED_DIRS, ...PROTECTED_FILES].map((rel) => `${folder}/${rel}`);
}

/**
 * For a path a shell command writes to (`> ~/.bashrc`, `tee .git/hooks/x`): relative paths
 * count from `cwd` (where the command starts: the project root unless an earlier call changed
 * into a folder). A path inside the project is judged by its part below the root (a project
 * may itself live in a folder such as `.claude/worktrees/`), any other path as a whole.
 * `~/x` needs no expanding: every name below the home folder is in the path as written.
 */
export function protectedWriteReason(target: string, root: string, cwd = root): string | undefined {
  // Written as given: catches `hooks/x` after `cd .git` too, since the segments travel along.
  const asGiven = isAbsolute(target) ? undefined : protectedReason(target);
  if (asGiven) return asGiven;
  const abs = resolve(cwd, target);
  const inside = abs === root || abs.startsWith(root + sep);
  return protectedReason(inside ? relative(root, abs) : abs);
}
