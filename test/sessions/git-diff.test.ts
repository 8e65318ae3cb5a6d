import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execGitRunner, renderUncommittedChanges, uncommittedDiff } from '../../src-main/sessions/git-diff.js';
import { parseUnifiedDiff } from '../../src-main/display/diff-parse.js';
import { decode } from '../display/ranges.js';
import { git, gitTry, repoWith, tempDir } from '../display/git-helper.js';

const runner = execGitRunner();
const numbered = (n: number, tag = ''): string => `${Array.from({ length: n }, (_, i) => `line ${i + 1}${tag}`).join('\n')}\n`;

describe('/diff: the session’s uncommitted changes from git', () => {
  test('staged, unstaged, renamed, deleted and new files make one patch that applies to HEAD', async () => {
    const repo = await repoWith({ 'src/app.ts': numbered(30), 'src/old.ts': numbered(20, ' old'), 'README.md': '# R\n', 'bye.txt': 'bye\n', '.gitignore': 'ignored.log\n' });
    const clone = await tempDir('display-clone-');
    try {
      const d = repo.dir;
      await writeFile(path.join(d, 'src/app.ts'), numbered(30).replace('line 10\n', 'line ten\n'));
      git(d, 'mv', 'src/old.ts', 'src/renamed.ts');
      await writeFile(path.join(d, 'README.md'), '# Readme\n');
      git(d, 'add', 'README.md');
      await rm(path.join(d, 'bye.txt'));
      await mkdir(path.join(d, 'notes'));
      await writeFile(path.join(d, 'notes/todo file.md'), '- a\n- b\n');
      await writeFile(path.join(d, 'ignored.log'), 'noise\n');

      const result = await uncommittedDiff(runner, d);
      assert.equal(result.kind, 'diff');
      if (result.kind !== 'diff') return;
      const files = parseUnifiedDiff(result.patch);
      assert.deepEqual(
        files.map((f) => `${f.status} ${f.oldPath ?? ''}→${f.newPath ?? ''}`).sort(),
        ['added →notes/todo file.md', 'deleted bye.txt→', 'modified README.md→README.md', 'modified src/app.ts→src/app.ts', 'renamed src/old.ts→src/renamed.ts'],
      );
      // The patch recreates the working tree from a clean checkout of HEAD.
      git(clone.dir, 'clone', '-q', d, 'c');
      const c = path.join(clone.dir, 'c');
      assert.equal(gitTry(c, ['apply', '--check', '-'], result.patch).status, 0, result.patch);
      assert.equal(gitTry(c, ['apply', '-'], result.patch).status, 0);
      for (const f of ['src/app.ts', 'src/renamed.ts', 'README.md', 'notes/todo file.md']) {
        assert.equal(await readFile(path.join(c, f), 'utf8'), await readFile(path.join(d, f), 'utf8'), f);
      }
    } finally {
      await repo.cleanup();
      await clone.cleanup();
    }
  });

  test('/diff <file> shows one file; paths outside the project are refused', async () => {
    const repo = await repoWith({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
    try {
      await writeFile(path.join(repo.dir, 'a.ts'), 'A\n');
      await writeFile(path.join(repo.dir, 'b.ts'), 'B\n');
      const [one] = await renderUncommittedChanges(runner, repo.dir, { file: 'b.ts' });
      assert.equal(one?.body, '1 file changed  +1 −1\n\n✏️ b.ts  +1 −1\n⋯ line 1\n- b\n+ B');
      const [outside] = await renderUncommittedChanges(runner, repo.dir, { file: '../etc/passwd' });
      assert.equal(outside?.body, '../etc/passwd is outside the project.');
      const [clean] = await renderUncommittedChanges(runner, repo.dir, { file: 'missing.ts' });
      assert.equal(clean?.body, 'No uncommitted changes in missing.ts.');
    } finally {
      await repo.cleanup();
    }
  });

  test('a project in a subfolder of a repository sees only its own changes', async () => {
    const repo = await repoWith({ 'web/index.ts': 'w\n', 'api/server.ts': 's\n' });
    try {
      await writeFile(path.join(repo.dir, 'web/index.ts'), 'W\n');
      await writeFile(path.join(repo.dir, 'api/server.ts'), 'S\n');
      await writeFile(path.join(repo.dir, 'api/new.ts'), 'n\n');
      const result = await uncommittedDiff(runner, path.join(repo.dir, 'api'));
      assert.equal(result.kind, 'diff');
      if (result.kind === 'diff') assert.deepEqual(parseUnifiedDiff(result.patch).map((f) => f.newPath).sort(), ['api/new.ts', 'api/server.ts']);
    } finally {
      await repo.cleanup();
    }
  });

  test('a repository without commits and a folder without git are handled', async () => {
    const fresh = await tempDir();
    const plain = await tempDir();
    try {
      git(fresh.dir, 'init', '-q');
      await writeFile(path.join(fresh.dir, 'first.txt'), 'hello\n');
      git(fresh.dir, 'add', 'first.txt');
      const [m] = await renderUncommittedChanges(runner, fresh.dir);
      assert.match(m?.body ?? '', /🆕 first\.txt \(new\) {2}\+1/);
      const [n] = await renderUncommittedChanges(runner, plain.dir);
      assert.equal(n?.body, 'This project is not a git repository, so there is no diff to show.');
    } finally {
      await fresh.cleanup();
      await plain.cleanup();
    }
  });

  test('a big change reaches the phone as changes.patch that applies', async () => {
    const repo = await repoWith({ 'big.txt': numbered(3000), 'small.txt': 'x\n' });
    const clone = await tempDir('display-clone-');
    try {
      await writeFile(path.join(repo.dir, 'big.txt'), numbered(3000).replace(/line (\d*5)\n/g, 'LINE $1\n'));
      await writeFile(path.join(repo.dir, 'small.txt'), 'y\n');
      await symlink('small.txt', path.join(repo.dir, 'link'));
      const msgs = await renderUncommittedChanges(runner, repo.dir);
      assert.equal(msgs.length, 1);
      const patch = msgs[0]?.attachments[0];
      assert.equal(patch?.fileName, 'changes.patch');
      git(clone.dir, 'clone', '-q', repo.dir, 'c');
      const c = path.join(clone.dir, 'c');
      const res = gitTry(c, ['apply', '-'], decode(patch?.data ?? new Uint8Array()));
      assert.equal(res.status, 0, res.stderr);
      assert.equal(await readFile(path.join(c, 'big.txt'), 'utf8'), await readFile(path.join(repo.dir, 'big.txt'), 'utf8'));
    } finally {
      await repo.cleanup();
      await clone.cleanup();
    }
  });
});
