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
import { homedir } from 'node:os';
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

function canonical(segment: string): string {
  const trimmed = segment.replace(/[. ]+$/, '');
  return (trimmed === '' ? segment : trimmed).toLowerCase();
}

function segmentsOf(path: string): string[] {
  return path
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.')
    .map(canonical);
}

/**
 * Why `relPath` (a '/'-separated path relative to the project root, or any path) is
 * protected, or undefined when it is not.
 */
export function protectedReason(relPath: string): string | undefined {
  const segments = segmentsOf(relPath);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    const isLast = i === segments.length - 1;
    if (PROTECTED_DIRS.includes(s)) return `${s}${isLast ? '' : '/'} is a protected path`;
    const pair = i + 1 < segments.length ? `${s}/${segments[i + 1] as string}` : undefined;
    if (pair && PROTECTED_NESTED_DIRS.includes(pair)) return `${pair}/ is a protected path`;
    if (isLast && PROTECTED_FILES.includes(s)) return `${s} is a protected path`;
  }
  return undefined;
}

/**
 * For a path a shell command writes to (`> ~/.bashrc`, `tee .git/hooks/x`): relative paths
 * count from `cwd` (where the command starts: the project root unless an earlier call changed
 * into a folder); `~` is the home folder. A path inside the project is judged by its part below
 * the root, one in the home folder by its part below home, others as written.
 */
export function protectedWriteReason(target: string, root: string, home = homedir(), cwd = root): string | undefined {
  const expanded = target === '~' ? home : target.startsWith('~/') ? `${home}/${target.slice(2)}` : target;
  // Written as given: catches `hooks/x` after `cd .git` too, since the segments travel along.
  const asGiven = isAbsolute(expanded) ? undefined : protectedReason(expanded);
  if (asGiven) return asGiven;
  const abs = resolve(cwd, expanded);
  const base = abs === root || abs.startsWith(root + sep) ? root : abs === home || abs.startsWith(home + sep) ? home : undefined;
  return protectedReason(base ? relative(base, abs) : abs);
}
