// Write and Edit as Claude Code has them: an existing file is changed only after Claude read it
// in this session and while it is unchanged on disk since; CRLF files stay CRLF.
import assert from 'node:assert/strict';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANGED_TEXT, NOT_READ_TEXT } from '../../../../src-main/agent/worker/tools/read-state.js';
import { tempProject } from '../../harness.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

/** Moves a file's mtime forward, as an editor saving it a moment later would. */
const touchLater = (path: string, seconds = 5): Promise<void> => utimes(path, new Date(), new Date(Date.now() + seconds * 1000));

describe('read before write', () => {
  let root: string;
  let ctx: Ctx;
  beforeEach(async () => {
    root = await tempProject({ 'app.js': 'let a = 1;\nlet b = 2;\n', 'win.txt': 'one\r\ntwo\r\nthree\r\n' });
    ctx = await toolContext(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('Write and Edit refuse an existing file Claude has not read, and change nothing', async () => {
    const w = await call(ctx, 'Write', { file_path: 'app.js', content: 'gone' });
    assert.equal(w.isError, true);
    assert.equal(textOf(w), NOT_READ_TEXT);
    const e = await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let a = 1;', new_string: 'let a = 3;' });
    assert.equal(textOf(e), NOT_READ_TEXT);
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'let a = 1;\nlet b = 2;\n');
  });

  test('new files need no read, and Claude may keep editing what it wrote', async () => {
    assert.equal((await call(ctx, 'Write', { file_path: 'new.js', content: 'x = 1\n' })).isError, false);
    assert.equal((await call(ctx, 'Edit', { file_path: 'new.js', old_string: 'x = 1', new_string: 'x = 2' })).isError, false);
    assert.equal((await call(ctx, 'Write', { file_path: 'new.js', content: 'x = 3\n' })).isError, false);
    assert.equal(await readFile(join(root, 'new.js'), 'utf8'), 'x = 3\n');
  });

  test('a file changed on disk after the read must be read again', async () => {
    await call(ctx, 'Read', { file_path: 'app.js' });
    await writeFile(join(root, 'app.js'), 'let a = 1;\nlet b = 2;\nlet owner = true;\n');
    await touchLater(join(root, 'app.js'));
    const e = await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let a = 1;', new_string: 'let a = 3;' });
    assert.equal(textOf(e), CHANGED_TEXT);
    assert.equal(textOf(await call(ctx, 'Write', { file_path: 'app.js', content: '' })), CHANGED_TEXT);
    await call(ctx, 'Read', { file_path: 'app.js' });
    assert.equal((await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let a = 1;', new_string: 'let a = 3;' })).isError, false);
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'let a = 3;\nlet b = 2;\nlet owner = true;\n');
  });

  test('a file only touched (same content) after a full read may still be edited', async () => {
    await call(ctx, 'Read', { file_path: 'app.js' });
    await touchLater(join(root, 'app.js'));
    assert.equal((await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let b = 2;', new_string: 'let b = 4;' })).isError, false);
  });

  test('a partial read allows edits, but any later change on disk refuses them', async () => {
    await call(ctx, 'Read', { file_path: 'app.js', offset: 2, limit: 1 });
    assert.equal((await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let b = 2;', new_string: 'let b = 5;' })).isError, false);
    await call(ctx, 'Read', { file_path: 'app.js', limit: 1 });
    await touchLater(join(root, 'app.js'));
    assert.equal(textOf(await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let a = 1;', new_string: 'let a = 6;' })), CHANGED_TEXT);
  });

  test('Edit keeps a CRLF file CRLF, also when old_string spans lines', async () => {
    const r = textOf(await call(ctx, 'Read', { file_path: 'win.txt' }));
    assert.doesNotMatch(r, /\r/, 'Claude sees plain lines');
    const e = await call(ctx, 'Edit', { file_path: 'win.txt', old_string: 'one\ntwo', new_string: 'uno\ndos\ndos-bis' });
    assert.equal(e.isError, false, textOf(e));
    assert.doesNotMatch(textOf(e), /\r/);
    assert.equal(await readFile(join(root, 'win.txt'), 'utf8'), 'uno\r\ndos\r\ndos-bis\r\nthree\r\n');
    await call(ctx, 'Edit', { file_path: 'win.txt', old_string: 'three', new_string: 'tres' });
    assert.equal(await readFile(join(root, 'win.txt'), 'utf8'), 'uno\r\ndos\r\ndos-bis\r\ntres\r\n');
  });

  test('Edit of an LF file stays LF', async () => {
    await call(ctx, 'Read', { file_path: 'app.js' });
    await call(ctx, 'Edit', { file_path: 'app.js', old_string: 'let a = 1;\n', new_string: 'let a = 1;\nlet c = 3;\n' });
    assert.equal(await readFile(join(root, 'app.js'), 'utf8'), 'let a = 1;\nlet c = 3;\nlet b = 2;\n');
  });
});
