// Paths that always ask before Claude writes to them, in every mode: each one named in the
// security notes, at any depth, in any letter case and with the trailing dots or spaces macOS and
// Windows ignore; and for shell write targets, counted from the project root or the home folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protectedReason, protectedWriteReason } from '../../../src-main/agent/worker/protected-paths.js';

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

test('shell write targets: ~ is the home folder, inside the project counts from its root, elsewhere as written', () => {
  const root = '/home/me/code/app';
  const home = '/home/me';
  assert.equal(protectedWriteReason('~/.bashrc', root, home), '.bashrc is a protected path');
  assert.equal(protectedWriteReason('~', root, home), undefined, 'the home folder itself is not a protected name');
  assert.equal(protectedWriteReason('/home/me/.npmrc', root, home), '.npmrc is a protected path');
  assert.equal(protectedWriteReason(`${root}/.git/config`, root, home), '.git/ is a protected path');
  assert.equal(protectedWriteReason('/etc/.profile', root, home), '.profile is a protected path');
  assert.equal(protectedWriteReason('hooks/../.husky/pre-commit', root, home), '.husky/ is a protected path');
  assert.equal(protectedWriteReason('out.txt', root, home), undefined);
  assert.equal(protectedWriteReason('/home/me2/x', root, home), undefined);
  // A project that itself lives under a protected-looking folder is judged from its own root.
  assert.equal(protectedWriteReason('/srv/.vscode/app/out.txt', '/srv/.vscode/app', home), undefined);
  assert.equal(protectedWriteReason('/home/.git/x', root, '/home'), '.git/ is a protected path');
  assert.equal(protectedWriteReason('/home/mex/.git/x', root, home), '.git/ is a protected path');
});
