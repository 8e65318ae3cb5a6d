// Confinement attacks: every file tool must refuse paths that lead outside the project —
// `../` escapes, absolute paths elsewhere, and symlinks (to files or folders) that point out —
// while paths and symlinks that stay inside keep working.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveInProject } from '../../../../src-main/agent/paths.js';
import { tempProject } from '../../harness.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

describe('file tools stay inside the project folder', () => {
  let root: string;
  let outside: string;
  let ctx: Ctx;

  before(async () => {
    root = await tempProject({ 'src/app.ts': 'export const x = 1;\n', 'README.md': 'hi\n' });
    outside = await mkdtemp(join(tmpdir(), 'agent-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'TOP SECRET\n');
    await mkdir(join(outside, 'dir'));
    await symlink(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    await symlink(outside, join(root, 'escape-dir'));
    await symlink(join(root, 'src/app.ts'), join(root, 'inside-link.ts'));
    // Dangling links: their targets do not exist yet, so writing through them would create them.
    await symlink(join(outside, 'not-yet.txt'), join(root, 'dangling.txt'));
    await symlink(join(outside, 'no-such-dir'), join(root, 'dangling-dir'));
    await symlink('dangling.txt', join(root, 'chain.txt'));
    ctx = await toolContext(root);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const escapes = (): [string, string][] => [
    ['../ escape', '../secret.txt'],
    ['deep ../ escape', 'src/../../x/../secret.txt'],
    ['absolute path elsewhere', join(outside, 'secret.txt')],
    ['/etc/passwd', '/etc/passwd'],
    ['symlinked file pointing out', 'leak.txt'],
    ['file under a symlinked folder pointing out', 'escape-dir/secret.txt'],
    ['dangling symlink pointing out', 'dangling.txt'],
    ['file under a dangling folder link pointing out', 'dangling-dir/new.txt'],
    ['link to a dangling link pointing out', 'chain.txt'],
  ];

  test('Read refuses every escape and never returns outside content', async () => {
    for (const [what, path] of escapes()) {
      const result = await call(ctx, 'Read', { file_path: path });
      assert.equal(result.isError, true, what);
      assert.match(textOf(result), /outside the project/, what);
      assert.doesNotMatch(textOf(result), /TOP SECRET/, what);
    }
  });

  test('Write and Edit refuse escapes and leave outside files untouched', async () => {
    for (const [what, path] of escapes()) {
      const w = await call(ctx, 'Write', { file_path: path, content: 'pwned' });
      assert.equal(w.isError, true, what);
      const e = await call(ctx, 'Edit', { file_path: path, old_string: 'TOP', new_string: 'pwned' });
      assert.equal(e.isError, true, what);
    }
    // A new file below a symlinked folder that points out is refused too.
    const created = await call(ctx, 'Write', { file_path: 'escape-dir/dir/new.txt', content: 'x' });
    assert.equal(created.isError, true);
    assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), 'TOP SECRET\n');
    await assert.rejects(readFile(join(outside, 'dir/new.txt')));
    await assert.rejects(readFile(join(outside, 'not-yet.txt')), 'nothing was created through a dangling link');
    const created2 = await call(ctx, 'Edit', { file_path: 'dangling.txt', old_string: '', new_string: 'pwned' });
    assert.equal(created2.isError, true);
    await assert.rejects(readFile(join(outside, 'not-yet.txt')));
  });

  test('LS, Glob and Grep refuse folders outside, and searches do not follow links out', async () => {
    for (const [tool, input] of [
      ['LS', { path: '..' }],
      ['LS', { path: 'escape-dir' }],
      ['Glob', { pattern: '**/*', path: outside }],
      ['Grep', { pattern: 'SECRET', path: '../' }],
    ] as const) {
      const r = await call(ctx, tool, input);
      assert.equal(r.isError, true, `${tool} ${JSON.stringify(input)}`);
    }
    const grep = await call(ctx, 'Grep', { pattern: 'SECRET', output_mode: 'content' });
    assert.equal(textOf(grep), 'No matches found');
    const glob = await call(ctx, 'Glob', { pattern: '**/*.txt' });
    assert.doesNotMatch(textOf(glob), /secret/);
  });

  test('paths inside the project work, absolute or relative, including symlinks that stay inside', async () => {
    const abs = await call(ctx, 'Read', { file_path: join(ctx.root, 'src/app.ts') });
    assert.equal(abs.isError, false);
    const viaLink = await call(ctx, 'Read', { file_path: 'inside-link.ts' });
    assert.match(textOf(viaLink), /export const x = 1;/);
    const dotted = await call(ctx, 'Read', { file_path: 'src/../README.md' });
    assert.match(textOf(dotted), /hi/);
  });

  test('the project root given through a symlink is still the same project', async () => {
    const alias = join(outside, 'alias');
    await symlink(root, alias);
    const real = await resolveInProject(alias, 'src/app.ts');
    assert.equal(real, join(ctx.root, 'src/app.ts'));
    await assert.rejects(resolveInProject(alias, '../secret.txt'), /outside the project/);
  });
});
