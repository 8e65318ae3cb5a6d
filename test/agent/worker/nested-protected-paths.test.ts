// The protected paths below the top of the project that the sandbox keeps read-only too: a
// repository nested in the project, a submodule's git folder, a sub-package's settings. Built on
// real folders (a real `git init`, a real submodule layout), as the sandbox finds them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { MAX_FOLDERS, nestedProtectedPaths } from '../../../src-main/agent/worker/nested-protected-paths.js';
import { SandboxPlan } from '../../../src-main/agent/worker/sandbox-plan.js';
import { resolveSandboxConfig } from '../../../src-main/agent/sandbox/config.js';

function project(t: { after: (fn: () => void) => void }, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nested-protected-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    if (!rel.endsWith('/')) writeFileSync(join(root, rel), content);
  }
  return root;
}

const below = (root: string, paths: string[]): string[] => paths.map((p) => p.slice(root.length + 1)).sort();

test("a repository nested in the project: its hooks and config, not the objects git writes to commit", (t) => {
  const root = project(t, { 'README.md': 'x' });
  execFileSync('git', ['init', '-q', root]);
  execFileSync('git', ['init', '-q', join(root, 'vendor/lib')]);
  assert.deepEqual(below(root, nestedProtectedPaths(root)), ['vendor/lib/.git/config', 'vendor/lib/.git/hooks']);
});

test("a submodule's git folder, kept by git in .git/modules, nested names and submodules of submodules included", (t) => {
  const root = project(t, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/modules/ui/HEAD': 'ref: refs/heads/main\n',
    '.git/modules/ui/hooks/pre-commit.sample': '',
    '.git/modules/ui/modules/icons/HEAD': 'x',
    '.git/modules/libs/core/HEAD': 'x', // a submodule named libs/core
    'ui/.git': 'gitdir: ../.git/modules/ui\n', // the pointer file is not a git folder
  });
  assert.deepEqual(below(root, nestedProtectedPaths(root)), [
    '.git/modules/libs/core/config',
    '.git/modules/libs/core/hooks',
    '.git/modules/ui/config',
    '.git/modules/ui/hooks',
    '.git/modules/ui/modules/icons/config',
    '.git/modules/ui/modules/icons/hooks',
  ]);
});

test("a sub-package's protected folders and files, three folders deep; node_modules and deeper folders are not searched", (t) => {
  const root = project(t, {
    'packages/web/.npmrc': 'x',
    'packages/web/.vscode/tasks.json': '{}',
    'packages/web/.github/workflows/ci.yml': 'x',
    'packages/web/.github/ISSUE_TEMPLATE/bug.md': 'x',
    'a/b/c/.envrc': 'x', // three folders deep
    'a/b/c/d/.envrc': 'x', // four: beyond the search
    'node_modules/pkg/.npmrc': 'x',
    '.claude/settings.json': '{}', // at the top: the sandbox lists those anyway
    '.npmrc': 'x',
  });
  assert.deepEqual(below(root, nestedProtectedPaths(root)), ['a/b/c/.envrc', 'packages/web/.github/workflows', 'packages/web/.npmrc', 'packages/web/.vscode']);
});

test('submodules of submodules are followed eight levels down, no further (a bound, not a git limit anyone meets)', (t) => {
  const chain = Array.from({ length: 10 }, (_, i) => `m${i}`);
  const files: Record<string, string> = {};
  chain.forEach((_, i) => (files[`.git/modules/${chain.slice(0, i + 1).join('/modules/')}/HEAD`] = 'x'));
  files['.git/modules/n1/n2/n3/n4/n5/n6/n7/n8/n9/HEAD'] = 'x'; // a name of nine parts: beyond the bound too
  const root = project(t, files);
  const hooks = below(root, nestedProtectedPaths(root)).filter((p) => p.endsWith('/hooks'));
  assert.equal(hooks.length, 8, hooks.join(' '));
  assert.ok(hooks.includes(`.git/modules/${chain.slice(0, 8).join('/modules/')}/hooks`));
});

test("a folder that cannot be read hides nothing else; the top's own protected folders are not searched again", (t) => {
  const root = project(t, { 'locked/x': '', 'open/.envrc': 'x', '.vscode/extra/.npmrc': 'x', '.claude/worktrees/feature/.envrc': 'x' });
  const readdir = (dir: string) => {
    if (dir.endsWith('/locked')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    return readdirSync(dir, { withFileTypes: true });
  };
  assert.deepEqual(below(root, nestedProtectedPaths(root, readdir)), ['open/.envrc']);
});

test('a link named like a protected path is kept read-only too (a write through it lands where it points)', (t) => {
  const root = project(t, { 'real/settings.json': '{}', 'pkg/x': '' });
  symlinkSync(join(root, 'real'), join(root, 'pkg/.claude'));
  assert.deepEqual(below(root, nestedProtectedPaths(root)), ['pkg/.claude']);
});

test('a huge tree is searched up to a limit, so no command waits long for it', (t) => {
  const root = project(t, { 'x': '' });
  let reads = 0;
  const wide = (dir: string) => {
    reads++;
    return dir === root ? readdirSync(root, { withFileTypes: true }).map(() => ({ name: 'd', isDirectory: () => true, isFile: () => false }) as never) : Array.from({ length: 50 }, (_, i) => ({ name: `d${i}`, isDirectory: () => true, isFile: () => false }) as never);
  };
  assert.deepEqual(nestedProtectedPaths(root, wide), []);
  assert.equal(reads, MAX_FOLDERS);
});

test('every sandboxed command gets the nested ones read-only, found anew (a command may have cloned a repository since)', (t) => {
  const root = project(t, { 'README.md': 'x' });
  const plan = new SandboxPlan(resolveSandboxConfig({ support: { kind: 'bwrap', path: '/usr/bin/bwrap' } }), root, { HOME: '/home/ann' });
  assert.ok(!plan.policyFor('ls')?.readOnly?.some((p) => p.includes('sub/.git')));
  execFileSync('git', ['init', '-q', join(root, 'sub')]);
  assert.ok(plan.policyFor('ls')?.readOnly?.includes(join(root, 'sub/.git/hooks')));
  assert.equal(plan.sandboxes('ls'), true);
});
