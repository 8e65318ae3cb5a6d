// Read, Write, Edit, LS, Glob, Grep and TodoWrite as the model uses them, and the before-images
// that let a turn's file changes be undone.
import assert from 'node:assert/strict';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { revertFileChanges, type FileChange } from '../../../../src-main/agent/worker/tools/index.js';
import { tempProject } from '../../harness.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

describe('file tools', () => {
  let root: string;
  let ctx: Ctx;
  before(async () => {
    root = await tempProject({
      'src/a.ts': Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n',
      'src/b.ts': 'const value = 1;\nconst other = value;\n',
      'src/nested/c.tsx': 'export function C() { return null; }\n',
      'docs/guide.md': '# Guide\nTODO: write\n',
      'node_modules/dep/index.js': 'TODO hidden\n',
      'logo.png': '\x89PNG fake',
    });
    ctx = await toolContext(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('Read numbers lines and honours offset and limit', async () => {
    const all = textOf(await call(ctx, 'Read', { file_path: 'src/a.ts' }));
    assert.match(all, /^ {5}1\tline 1$/m);
    assert.match(all, /^ {4}30\tline 30$/m);
    const part = textOf(await call(ctx, 'Read', { file_path: 'src/a.ts', offset: 10, limit: 3 }));
    assert.deepEqual(part.split('\n').slice(0, 3), ['    10\tline 10', '    11\tline 11', '    12\tline 12']);
    assert.match(part, /Lines 10-12 of 30; read on with offset 13/);
    const missing = await call(ctx, 'Read', { file_path: 'nope.ts' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /does not exist/);
  });

  test('Read returns pictures as image blocks', async () => {
    const r = await call(ctx, 'Read', { file_path: 'logo.png' });
    assert.ok(Array.isArray(r.output));
    assert.equal(r.output[0]?.type, 'image');
  });

  test('invalid arguments are reported to the model, not thrown', async () => {
    const r = await call(ctx, 'Read', { path: 'src/a.ts' });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /Invalid arguments for Read: file_path/);
  });

  test('Edit replaces exact unique text and records the before-image', async () => {
    const r = await call(ctx, 'Edit', { file_path: 'src/b.ts', old_string: 'const other = value;', new_string: 'const other = value + 1;' });
    assert.equal(r.isError, false);
    assert.equal(await readFile(join(root, 'src/b.ts'), 'utf8'), 'const value = 1;\nconst other = value + 1;\n');
    assert.deepEqual(r.fileChanges, [{ path: 'src/b.ts', before: { encoding: 'utf8', data: 'const value = 1;\nconst other = value;\n' } }]);
  });

  test('Edit fails clearly when the text is missing or not unique, and replace_all replaces all', async () => {
    await writeFile(join(root, 'dup.txt'), 'x = 1\nx = 1\n');
    const notUnique = await call(ctx, 'Edit', { file_path: 'dup.txt', old_string: 'x = 1', new_string: 'x = 2' });
    assert.equal(notUnique.isError, true);
    assert.match(textOf(notUnique), /occurs 2 times.*replace_all/s);
    const missing = await call(ctx, 'Edit', { file_path: 'dup.txt', old_string: 'y = 1', new_string: 'y = 2' });
    assert.match(textOf(missing), /was not found/);
    assert.equal(await readFile(join(root, 'dup.txt'), 'utf8'), 'x = 1\nx = 1\n');
    const all = await call(ctx, 'Edit', { file_path: 'dup.txt', old_string: 'x = 1', new_string: 'x = $&2', replace_all: true });
    assert.equal(all.isError, false);
    assert.equal(await readFile(join(root, 'dup.txt'), 'utf8'), 'x = $&2\nx = $&2\n');
  });

  test('Write creates folders and files; undo restores every file of a turn', async () => {
    const changes: FileChange[] = [];
    const w1 = await call(ctx, 'Write', { file_path: 'new/deep/file.txt', content: 'fresh\n' });
    changes.push(...w1.fileChanges);
    const e1 = await call(ctx, 'Edit', { file_path: 'docs/guide.md', old_string: 'TODO: write', new_string: 'Written.' });
    changes.push(...e1.fileChanges);
    const e2 = await call(ctx, 'Edit', { file_path: 'docs/guide.md', old_string: 'Written.', new_string: 'Rewritten.' });
    changes.push(...e2.fileChanges);
    assert.deepEqual(w1.fileChanges, [{ path: 'new/deep/file.txt', before: null }]);
    assert.equal(await readFile(join(root, 'docs/guide.md'), 'utf8'), '# Guide\nRewritten.\n');

    const restored = await revertFileChanges(root, changes);
    assert.deepEqual(restored.sort(), ['docs/guide.md', 'new/deep/file.txt']);
    assert.equal(await readFile(join(root, 'docs/guide.md'), 'utf8'), '# Guide\nTODO: write\n');
    await assert.rejects(stat(join(root, 'new/deep/file.txt')));
  });

  test('before-images keep binary files byte for byte', async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 10]);
    await writeFile(join(root, 'blob.bin'), bytes);
    const w = await call(ctx, 'Write', { file_path: 'blob.bin', content: 'text now' });
    assert.equal(w.fileChanges[0]?.before?.encoding, 'base64');
    await revertFileChanges(root, w.fileChanges);
    assert.deepEqual(await readFile(join(root, 'blob.bin')), bytes);
  });

  test('Glob matches paths, newest first, skipping node_modules', async () => {
    await utimes(join(root, 'src/nested/c.tsx'), new Date(), new Date(Date.now() + 10_000));
    const r = textOf(await call(ctx, 'Glob', { pattern: '**/*.ts*' }));
    const lines = r.split('\n');
    assert.equal(lines[0], join(ctx.root, 'src/nested/c.tsx'));
    assert.ok(lines.includes(join(ctx.root, 'src/a.ts')));
    const top = textOf(await call(ctx, 'Glob', { pattern: '*.ts', path: 'src' }));
    assert.deepEqual(top.split('\n').sort(), [join(ctx.root, 'src/a.ts'), join(ctx.root, 'src/b.ts')]);
    assert.equal(textOf(await call(ctx, 'Glob', { pattern: '**/*.py' })), 'No files found');
  });

  test('Grep finds files, lines and counts, filtered by glob', async () => {
    const files = textOf(await call(ctx, 'Grep', { pattern: 'TODO' }));
    assert.match(files, /^Found 1 file\n.*docs\/guide\.md$/);
    const content = textOf(await call(ctx, 'Grep', { pattern: 'line 2\\d', output_mode: 'content', head_limit: 3 }));
    assert.equal(content.split('\n')[0], `${join(ctx.root, 'src/a.ts')}:20:line 20`);
    assert.match(content, /7 more results not shown/);
    const count = textOf(await call(ctx, 'Grep', { pattern: 'const', glob: '*.ts', output_mode: 'count' }));
    assert.equal(count, `${join(ctx.root, 'src/b.ts')}:2`);
    const insensitive = textOf(await call(ctx, 'Grep', { pattern: 'guide', '-i': true, glob: '*.md' }));
    assert.match(insensitive, /Found 1 file/);
    const bad = await call(ctx, 'Grep', { pattern: '(' });
    assert.match(textOf(bad), /Invalid regular expression/);
  });

  test('LS lists a folder with folders marked', async () => {
    const r = textOf(await call(ctx, 'LS', { path: 'src' }));
    assert.match(r, /^src\/\n {2}a\.ts\n {2}b\.ts\n {2}nested\/$/);
  });

  test('TodoWrite relays the task list', async () => {
    const r = await call(ctx, 'TodoWrite', { todos: [{ content: 'Fix bug', status: 'in_progress', activeForm: 'Fixing bug' }, { content: 'Test', status: 'pending' }] });
    assert.match(textOf(r), /1 in progress, 1 pending, 0 completed/);
    assert.deepEqual(ctx.todos.at(-1), [{ content: 'Fix bug', status: 'in_progress', activeForm: 'Fixing bug' }, { content: 'Test', status: 'pending', activeForm: undefined }]);
  });
});
