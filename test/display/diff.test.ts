import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diffFileImage, diffFileImages, type FileImage } from '../../src-main/display/diff-compute.js';
import { parseUnifiedDiff } from '../../src-main/display/diff-parse.js';
import { PATCH_CONTENT_TYPE, renderDiff, renderDiffForPhone, renderFileDiff } from '../../src-main/display/diff.js';
import { covered, decode } from './ranges.js';
import { gitTry, repoWith } from './git-helper.js';

const numbered = (n: number): string => `${Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n')}\n`;

describe('rendering a diff for the phone', () => {
  test('unchanged runs collapse; counts, line marker and styles are in place', () => {
    const before = numbered(40);
    const after = before.replace('line 5\n', 'line five\n').replace('line 30\n', 'line 30\nadded\n');
    // Wide git context so both changes share one hunk and the run between them collapses.
    const [file] = parseUnifiedDiff(diffFileImage({ path: 'src/app.ts', before, after }, 30));
    assert.ok(file);
    const r = renderFileDiff(file, { context: 2 });
    assert.equal(
      r.text,
      [
        '✏️ src/app.ts  +2 −1',
        '⋯ line 3',
        '  line 3',
        '  line 4',
        '- line 5',
        '+ line five',
        '  line 6',
        '  line 7',
        '⋯ 21 unchanged lines',
        '  line 29',
        '  line 30',
        '+ added',
        '  line 31',
        '  line 32',
      ].join('\n'),
    );
    assert.deepEqual(covered(r), [
      'bold:src/app.ts',
      'italic:⋯ line 3',
      'monospace:  line 3\n  line 4\n- line 5\n+ line five\n  line 6\n  line 7',
      'italic:⋯ 21 unchanged lines',
      'monospace:  line 29\n  line 30\n+ added\n  line 31\n  line 32',
    ]);
  });

  test('new, deleted, renamed and binary files are marked', () => {
    const patch = [
      diffFileImage({ path: 'new.md', before: null, after: 'a\nb\n' }),
      diffFileImage({ path: 'old.md', before: 'x\n', after: null }),
      'diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n',
      diffFileImage({ path: 'img.png', before: new Uint8Array([0, 1]), after: new Uint8Array([0, 2]) }),
    ].join('');
    const r = renderDiff(parseUnifiedDiff(patch));
    const headers = r.text.split('\n').filter((l) => /^(?:🆕|🗑️|🔀|✏️|\d+ files)/.test(l));
    assert.deepEqual(headers, ['4 files changed  +2 −1', '🆕 new.md (new)  +2', '🗑️ old.md (deleted)  −1', '🔀 a.txt → b.txt', '✏️ img.png (binary)']);
    assert.ok(covered(r).includes('bold:a.txt → b.txt'));
  });

  test('a short diff arrives inline in one message', () => {
    const msgs = renderDiffForPhone(diffFileImage({ path: 'a.ts', before: 'let a = 1;\n', after: 'let a = 2;\n' }));
    assert.equal(msgs.length, 1);
    assert.equal(msgs[0]?.attachments.length, 0);
    assert.equal(msgs[0]?.body, '1 file changed  +1 −1\n\n✏️ a.ts  +1 −1\n⋯ line 1\n- let a = 1;\n+ let a = 2;');
  });

  test('nothing to show says so', () => {
    assert.equal(renderDiffForPhone('', { emptyText: 'No uncommitted changes.' })[0]?.body, 'No uncommitted changes.');
  });

  test('a long diff arrives as a summary with a .patch that git applies', async () => {
    const images: FileImage[] = [];
    for (let f = 0; f < 6; f++) {
      const before = numbered(900);
      const after = before.replace(/line (\d*[37])\n/g, (_, n: string) => `changed ${n} in file ${f}\n`);
      images.push({ path: `src/mod${f}.ts`, before, after });
    }
    images.push({ path: 'docs/new file.md', before: null, after: '# Hello\n' });
    const patch = diffFileImages(images);
    assert.ok(patch.split('\n').length > 5000, 'a 5,000-line diff');
    const msgs = renderDiffForPhone(patch);
    assert.equal(msgs.length, 1);
    const m = msgs[0];
    assert.ok(Buffer.byteLength(m?.body ?? '') <= 2048);
    assert.match(m?.body ?? '', /^7 files changed {2}\+1081 −1080\n✏️ src\/mod0\.ts {2}\+180 −180\n/);
    assert.ok(m?.body.includes('🆕 docs/new file.md (new)  +1'));
    assert.ok(m?.body.endsWith('📎 changes.patch — the whole diff; apply with git apply changes.patch'));
    assert.ok(covered(m ?? {}).includes('monospace:git apply changes.patch'));
    const file = m?.attachments[0];
    assert.equal(file?.fileName, 'changes.patch');
    assert.equal(file?.contentType, PATCH_CONTENT_TYPE);

    const before: Record<string, string | null> = {};
    for (const img of images) before[img.path] = img.before as string | null;
    const repo = await repoWith(before);
    try {
      const data = decode(file?.data ?? new Uint8Array());
      assert.equal(gitTry(repo.dir, ['apply', '--check', '-'], data).status, 0);
      assert.equal(gitTry(repo.dir, ['apply', '-'], data).status, 0);
      for (const img of images) assert.equal(await readFile(path.join(repo.dir, img.path), 'utf8'), img.after);
    } finally {
      await repo.cleanup();
    }
  });

  test('one long file gets its own patch name', () => {
    const before = numbered(400);
    const msgs = renderDiffForPhone(diffFileImage({ path: 'lib/big file.py', before, after: before.replace(/line (\d*3)\n/g, 'x$1\n') }));
    assert.equal(msgs[0]?.attachments[0]?.fileName, 'big_file.py.patch');
  });

  test('secrets in a diff are redacted in the text and the patch, with a warning', () => {
    const key = `sk-ant-api03-${'Q'.repeat(40)}`;
    const msgs = renderDiffForPhone(diffFileImage({ path: '.env', before: 'A=1\n', after: `A=1\nANTHROPIC_API_KEY=${key}\n` }));
    const m = msgs[0];
    assert.ok(!m?.body.includes(key));
    assert.ok(m?.body.includes('+ ANTHROPIC_API_KEY=[redacted key]'));
    assert.ok(m?.body.endsWith('⚠️ 1 secret redacted; the patch may not apply where it was.'));
  });

  test('a private key in a diff keeps the patch line count intact', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'.repeat(3)}-----END PRIVATE KEY-----\n`;
    const before = numbered(10);
    const image = { path: 'key.pem', before, after: before + pem };
    const msgs = renderDiffForPhone(diffFileImage(image), { inlineMaxBytes: 10 });
    const data = decode(msgs[0]?.attachments[0]?.data ?? new Uint8Array());
    assert.ok(!data.includes('MIIEvQ'));
    const repo = await repoWith({ 'key.pem': before });
    try {
      assert.equal(gitTry(repo.dir, ['apply', '--check', '-'], data).status, 0, data);
    } finally {
      await repo.cleanup();
    }
  });
});

describe('what the phone shows for less common diffs', () => {
  test('a copy, a mode change on a rename, a removal-only file; counts say only what changed', () => {
    const patch = [
      'diff --git a/a.sh b/c.sh\nsimilarity index 100%\ncopy from a.sh\ncopy to c.sh\n',
      'diff --git a/run b/bin/run\nold mode 100644\nnew mode 100755\nsimilarity index 100%\nrename from run\nrename to bin/run\n',
      'diff --git a/tool b/tool\nold mode 100644\nnew mode 100755\n',
      diffFileImage({ path: 'gone.txt', before: 'a\nb\nc\n', after: 'a\n' }),
    ].join('');
    const r = renderDiff(parseUnifiedDiff(patch));
    const headers = r.text.split('\n').filter((l) => /^(?:📋|🔀|✏️|\d+ files)/.test(l));
    assert.deepEqual(headers, [
      '4 files changed  −2',
      '📋 a.sh → c.sh (copy)',
      '🔀 run → bin/run (mode 100644 → 100755)',
      '✏️ tool (mode 100644 → 100755)',
      '✏️ gone.txt  −2',
    ]);
  });

  test('the line marker names the enclosing function; one unchanged line between changes is shown, two are collapsed', () => {
    const hunk = (between: number) =>
      [
        'diff --git a/m.py b/m.py',
        '--- a/m.py',
        '+++ b/m.py',
        `@@ -10,${3 + between} +10,${3 + between} @@ def handler(request):  `,
        '-old = 1',
        '+new = 1',
        ...Array.from({ length: between }, (_, i) => ` same ${i + 1}`),
        '-old = 2',
        '+new = 2',
        ' tail',
        '',
      ].join('\n');
    const one = renderFileDiff(parseUnifiedDiff(hunk(1))[0]!, { context: 0 });
    assert.equal(one.text, ['✏️ m.py  +2 −2', '⋯ line 10 · def handler(request):', '- old = 1', '+ new = 1', '  same 1', '- old = 2', '+ new = 2'].join('\n'));
    const two = renderFileDiff(parseUnifiedDiff(hunk(2))[0]!, { context: 0 });
    assert.equal(two.text, ['✏️ m.py  +2 −2', '⋯ line 10 · def handler(request):', '- old = 1', '+ new = 1', '⋯ 2 unchanged lines', '- old = 2', '+ new = 2'].join('\n'));
    // With one line of context each side, a single hidden line is shown rather than marked.
    const three = renderFileDiff(parseUnifiedDiff(hunk(3))[0]!, { context: 1 });
    assert.equal(three.text, ['✏️ m.py  +2 −2', '⋯ line 10 · def handler(request):', '- old = 1', '+ new = 1', '  same 1', '  same 2', '  same 3', '- old = 2', '+ new = 2', '  tail'].join('\n'));
    const four = renderFileDiff(parseUnifiedDiff(hunk(4))[0]!, { context: 1 });
    assert.equal(four.text, ['✏️ m.py  +2 −2', '⋯ line 10 · def handler(request):', '- old = 1', '+ new = 1', '  same 1', '⋯ 2 unchanged lines', '  same 4', '- old = 2', '+ new = 2', '  tail'].join('\n'));
  });

  test('the default keeps two unchanged lines around a change and drops trailing ones; "no newline" notes are not shown', () => {
    const before = numbered(14);
    const after = before.replace('line 6\n', 'line six\n').replace(/\n$/, '');
    const [file] = parseUnifiedDiff(diffFileImage({ path: 'a.txt', before, after }, 20));
    const r = renderFileDiff(file!);
    assert.equal(r.text, ['✏️ a.txt  +2 −2', '⋯ line 4', '  line 4', '  line 5', '- line 6', '+ line six', '  line 7', '  line 8', '⋯ 3 unchanged lines', '  line 12', '  line 13', '- line 14', '+ line 14'].join('\n'));
  });

  test('a long diff over many files lists the first ones and counts the rest; options name the patch and add a footer', () => {
    const images: FileImage[] = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.txt`, before: numbered(300), after: numbered(300).replace(/line (\d*5)\n/g, 'five $1\n') }));
    const [m] = renderDiffForPhone(diffFileImages(images), { summaryMaxFiles: 3, patchFileName: 'work.patch', footer: '2 more new files not shown' });
    const body = m?.body ?? '';
    assert.match(body, /✏️ f2\.txt {2}\+30 −30\n… and 2 more\n\n📎 work\.patch — the whole diff; apply with git apply work\.patch\n\n2 more new files not shown$/);
    assert.equal(body.includes('f3.txt'), false);
    assert.equal(m?.attachments[0]?.fileName, 'work.patch');
    const [short] = renderDiffForPhone(diffFileImage({ path: 'a.ts', before: 'a\n', after: 'b\n' }), { footer: 'and that is all' });
    assert.ok(short?.body.endsWith('- a\n+ b\n\nand that is all'), short?.body);
    assert.equal(renderDiffForPhone('')[0]?.body, 'No changes.');
  });

  test('two redacted secrets are counted in the plural', () => {
    const keys = [`sk-ant-api03-${'Q'.repeat(40)}`, `sk-ant-api03-${'R'.repeat(40)}`];
    const [m] = renderDiffForPhone(diffFileImage({ path: '.env', before: '', after: `A=${keys[0]}\nB=${keys[1]}\n` }));
    assert.ok(m?.body.endsWith('⚠️ 2 secrets redacted; the patch may not apply where they were.'), m?.body);
  });
});

describe('edges of a diff the phone must still show right', () => {
  test('long lines, changed or not, are wrapped to about 60 columns by default', () => {
    const long = `const message = "${'word '.repeat(30)}";`;
    const before = `${long}\nold\n`;
    const after = `${long}\nnew ${long}\n`;
    const [file] = parseUnifiedDiff(diffFileImage({ path: 'a.ts', before, after }));
    const rows = renderFileDiff(file!).text.split('\n').slice(2);
    assert.ok(rows.length > 4, rows.join('\n'));
    for (const row of rows) assert.ok([...row].length <= 60, row);
    assert.ok(rows[0]?.startsWith('  const message'), 'the unchanged line comes first');
    assert.ok(rows.some((r) => r.startsWith('+ new const message')));
    const wide = renderFileDiff(file!, { wrapColumns: 200 }).text.split('\n').slice(2);
    assert.deepEqual(wide, [`  ${long}`, '- old', `+ new ${long}`], 'a wider screen gets whole lines');
  });

  test('mode lines that do not change the mode say nothing about it', () => {
    const patch = ['diff --git a/t b/t\nnew mode 100755\n', 'diff --git a/u b/u\nold mode 100644\nnew mode 100644\n', 'diff --git a/v b/v\nold mode 100644\n'].join('');
    assert.equal(renderDiff(parseUnifiedDiff(patch)).text, '3 files changed\n\n✏️ t\n\n✏️ u\n\n✏️ v');
  });

  test('a damaged rename or copy header shows ? for the path it lacks', () => {
    assert.equal(renderDiff(parseUnifiedDiff('diff --git x\nrename from a.txt\n')).text, '1 file changed\n\n🔀 a.txt → ?');
    assert.equal(renderDiff(parseUnifiedDiff('diff --git x\ncopy from a.txt\n')).text, '1 file changed\n\n📋 a.txt → ? (copy)');
    const [renamed] = parseUnifiedDiff('diff --git a/x b/y\nrename from a.txt\nrename to b.txt\n');
    const noOld = renderDiff([{ ...renamed!, oldPath: undefined }]).text;
    assert.equal(noOld, '1 file changed\n\n🔀 ? → b.txt');
    assert.equal(renderDiff([{ ...renamed!, status: 'copied', oldPath: undefined }]).text, '1 file changed\n\n📋 ? → b.txt (copy)');
  });

  test('a hunk with no change in it (a hand-made patch) shows where it starts and its first lines', () => {
    const [file] = parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -7,4 +7,4 @@\n a\n b\n c\n d\n');
    assert.equal(renderFileDiff(file!).text, '✏️ f\n⋯ line 7\n  a\n  b');
    const [empty] = parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -3,0 +3,0 @@\n');
    assert.equal(renderFileDiff(empty!).text, '✏️ f\n⋯ line 3', 'an empty hunk leaves no blank line');
  });

  test('the total line is bold, and says nothing more for a rename without changed lines', () => {
    const msgs = renderDiffForPhone('diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n');
    assert.equal(msgs[0]?.body, '1 file changed\n\n🔀 a.txt → b.txt');
    assert.deepEqual(covered(msgs[0]!), ['bold:1 file changed', 'bold:a.txt → b.txt']);
  });

  test('parsed files render the same as the patch text, and the attached .patch is the diff byte for byte', () => {
    const images: FileImage[] = Array.from({ length: 3 }, (_, i) => ({ path: `f${i}.txt`, before: numbered(400), after: numbered(400).replace(/line (\d*5)\n/g, 'five $1\n') }));
    const patch = diffFileImages(images);
    const fromText = renderDiffForPhone(patch);
    assert.deepEqual(renderDiffForPhone(parseUnifiedDiff(patch)), fromText);
    const file = fromText[0]?.attachments[0];
    assert.equal(file?.contentType, 'text/x-patch', 'a type the phone opens as text');
    assert.equal(decode(file?.data ?? new Uint8Array()), patch);
    assert.ok(covered(fromText[0]!).includes('bold:changes.patch'), 'the attachment name stands out');
    const small = diffFileImage({ path: 'a.ts', before: 'a\n', after: 'b\n' }) + diffFileImage({ path: 'b.ts', before: 'c\n', after: 'd\n' });
    assert.deepEqual(renderDiffForPhone(parseUnifiedDiff(small)), renderDiffForPhone(small));
  });

  test('nothing to show is one plain message without styles or files', () => {
    assert.deepEqual(renderDiffForPhone(''), [{ body: 'No changes.', bodyRanges: [], attachments: [] }]);
  });

  test('a diff that fits the limit exactly, footer included, is shown inline; one byte more and it becomes a summary with the patch', () => {
    const patch = diffFileImage({ path: 'a.ts', before: 'let a = 1;\n', after: 'let a = 2;\n' });
    const footer = 'and that is all';
    const inline = renderDiffForPhone(patch, { footer })[0]?.body ?? '';
    const size = Buffer.byteLength(inline);
    assert.equal(renderDiffForPhone(patch, { footer, inlineMaxBytes: size })[0]?.body, inline);
    const over = renderDiffForPhone(patch, { footer, inlineMaxBytes: size - 1 })[0];
    assert.equal(over?.attachments[0]?.fileName, 'a.ts.patch');
    assert.ok(over?.body.startsWith('1 file changed  +1 −1\n✏️ a.ts  +1 −1\n\n📎 a.ts.patch'), over?.body);
  });

  test('a summary listing exactly as many files as it may show has no "and N more" line', () => {
    const images: FileImage[] = Array.from({ length: 3 }, (_, i) => ({ path: `f${i}.txt`, before: numbered(300), after: numbered(300).replace(/line (\d*5)\n/g, 'five $1\n') }));
    const [m] = renderDiffForPhone(diffFileImages(images), { summaryMaxFiles: 3 });
    assert.ok(m?.body.includes('✏️ f2.txt  +30 −30\n\n📎 changes.patch'), m?.body);
    assert.equal(m?.body.includes('more'), false);
  });

  test('a summary too long for one message still arrives as one message (a long text) with the patch', () => {
    const images: FileImage[] = Array.from({ length: 150 }, (_, i) => ({ path: `src/module-${i}.ts`, before: 'a\n', after: 'b\n' }));
    const msgs = renderDiffForPhone(diffFileImages(images), { summaryMaxFiles: 150, inlineMaxBytes: 100 });
    assert.equal(msgs.length, 1);
    const names = msgs[0]?.attachments.map((a) => a.fileName) ?? [];
    assert.ok(names.includes('changes.patch'), names.join(', '));
  });
});
