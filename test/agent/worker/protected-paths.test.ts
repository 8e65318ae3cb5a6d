// Paths that always ask before Claude writes to them, in every mode: each one named in the
// security notes, at any depth, in any letter case and with the trailing dots or spaces macOS and
// Windows ignore; and for shell write targets, counted from the project root or the home folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protectedPathsIn, protectedReason, protectedWriteReason } from '../../../src-main/agent/worker/protected-paths.js';

const DIRS = ['.claude', '.git', '.husky', '.githooks', '.vscode', '.idea', '.devcontainer'];
const FILES = ['.mcp.json', '.gitmodules', '.gitconfig', '.envrc', '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin', '.zlogout', '.npmrc', '.yarnrc', '.yarnrc.yml'];

test('every protected folder, itself or anything in it, at any depth', () => {
  for (const dir of DIRS) {
    assert.equal(protectedReason(dir), `${dir} is a protected path`);
    assert.equal(protectedReason(`${dir}/x/y`), `${dir}/ is a protected path`);
    assert.equal(protectedReason(`pkg/${dir}/y`), `${dir}/ is a protected path`);
  }
});

test('every protected file, at any depth, but not a folder of that name’s contents', () => {
  for (const file of FILES) {
    assert.equal(protectedReason(file), `${file} is a protected path`);
    assert.equal(protectedReason(`sub/${file}`), `${file} is a protected path`);
    assert.equal(protectedReason(`${file}/notes.md`), undefined, `${file}/notes.md`);
  }
});

test('.github/workflows is protected, the rest of .github is not', () => {
  assert.equal(protectedReason('.github/workflows/ci.yml'), '.github/workflows/ is a protected path');
  assert.equal(protectedReason('.github/workflows'), '.github/workflows/ is a protected path');
  assert.equal(protectedReason('.github/ISSUE_TEMPLATE/bug.md'), undefined);
  assert.equal(protectedReason('.github'), undefined);
  assert.equal(protectedReason('workflows/.github'), undefined);
});

test('letter case, trailing dots and spaces, backslashes and ./ do not hide a protected path', () => {
  assert.equal(protectedReason('.GIT/hooks/x'), '.git/ is a protected path');
  assert.equal(protectedReason('.git. /hooks/x'), '.git/ is a protected path');
  assert.equal(protectedReason('./.Git\\hooks\\x'), '.git/ is a protected path');
  assert.equal(protectedReason('.EnvRC.'), '.envrc is a protected path');
  assert.equal(protectedReason('src//.envrc'), '.envrc is a protected path');
  assert.equal(protectedReason('...'), undefined, 'a name of only dots stays what it is');
  assert.equal(protectedReason('src/a.ts'), undefined);
  assert.equal(protectedReason(''), undefined);
});

test('.github/workflows is found however the path between the two is written', () => {
  for (const p of ['.github/./workflows/ci.yml', '.github//workflows/ci.yml', '.GitHub./Workflows /ci.yml', '.github\\workflows\\ci.yml', '.github/. /workflows/ci.yml', 'pkg/.github/workflows']) {
    assert.equal(protectedReason(p), '.github/workflows/ is a protected path', p);
  }
  assert.equal(protectedReason('.github/x/workflows/ci.yml'), undefined);
  assert.equal(protectedReason('.git..'), '.git is a protected path', 'any number of trailing dots');
  assert.equal(protectedReason('x.git'), undefined, 'only the whole name counts');
  assert.equal(protectedReason('.gitx/hooks'), undefined);
});

test('shell write targets: inside the project they count from its root, elsewhere the whole path counts', () => {
  const root = '/home/me/code/app';
  assert.equal(protectedWriteReason('~/.bashrc', root), '.bashrc is a protected path');
  assert.equal(protectedWriteReason('~', root), undefined, 'the home folder itself is not a protected name');
  assert.equal(protectedWriteReason('/home/me/.npmrc', root), '.npmrc is a protected path');
  assert.equal(protectedWriteReason(`${root}/.git/config`, root), '.git/ is a protected path');
  assert.equal(protectedWriteReason('/etc/.profile', root), '.profile is a protected path');
  assert.equal(protectedWriteReason('hooks/../.husky/pre-commit', root), '.husky/ is a protected path');
  assert.equal(protectedWriteReason('out.txt', root), undefined);
  assert.equal(protectedWriteReason('/home/me2/x', root), undefined);
  // Claude Code keeps worktrees in .claude/worktrees/: a project there is judged from its own
  // root, and the folders around it are still protected.
  const worktree = '/home/me/code/app/.claude/worktrees/fix';
  assert.equal(protectedWriteReason('/home/me/code/app/.claude/worktrees/fix/out.txt', worktree), undefined);
  assert.equal(protectedWriteReason('src/out.txt', worktree), undefined);
  assert.equal(protectedWriteReason(worktree, worktree), undefined, 'the root itself');
  assert.equal(protectedWriteReason('../other/out.txt', worktree), '.claude/ is a protected path', 'a sibling worktree is inside .claude/');
  assert.equal(protectedWriteReason('/home/me/code/app/.claude/worktrees/fixed/out.txt', worktree), '.claude/ is a protected path', 'a folder whose name only starts like the root');
  // After `cd .git` the target is relative to where the command is.
  assert.equal(protectedWriteReason('config', root, `${root}/.git`), '.git/ is a protected path');
  assert.equal(protectedWriteReason('config', root, `${root}/src`), undefined);
  // Written through a protected folder, it asks even where the path comes out elsewhere: the
  // shell may resolve it differently (a link named .git) from how it reads.
  assert.equal(protectedWriteReason('.git/../notes.txt', root), '.git/ is a protected path');
});

test('what the sandbox keeps read-only in a folder: every protected path in it, of .git only hooks and config', () => {
  const paths = protectedPathsIn('/p');
  assert.deepEqual(
    [...paths].sort(),
    [...DIRS.filter((d) => d !== '.git'), '.git/hooks', '.git/config', '.github/workflows', ...FILES].map((rel) => `/p/${rel}`).sort(),
  );
  assert.ok(!paths.includes('/p/.git'), 'git must still write its objects, index and refs in a sandboxed commit');
});
