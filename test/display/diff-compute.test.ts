import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { diffFileImage, diffFileImages, diffLines, type FileImage } from '../../src-main/display/diff-compute.js';
import { gitTry, repoWith } from './git-helper.js';


/** Applies `patch` with the real `git apply` in a repo holding the "before" images; returns the files after. */
async function applyWithGit(images: readonly FileImage[], patch: string): Promise<Record<string, string | null>> {
  const before: Record<string, string | Uint8Array | null> = {};
  for (const img of images) before[img.path] = img.before;
  const repo = await repoWith(before);
  try {
    const check = gitTry(repo.dir, ['apply', '--check', '-'], patch);
    assert.equal(check.status, 0, `git apply --check: ${check.stderr}\n${patch}`);
    const applied = gitTry(repo.dir, ['apply', '-'], patch);
    assert.equal(applied.status, 0, applied.stderr);
    const after: Record<string, string | null> = {};
    for (const img of images) {
      try {
        after[img.path] = await readFile(path.join(repo.dir, img.path), 'utf8');
      } catch {
        after[img.path] = null;
      }
    }
    return after;
  } finally {
    await repo.cleanup();
  }
}

const lines = (n: number, f = (i: number) => `line ${i + 1}`): string => `${Array.from({ length: n }, (_, i) => f(i)).join('\n')}\n`;

describe('diffs from before/after images (projects without git)', () => {
  test('edits, additions, deletions and newline changes produce patches git applies exactly', async () => {
    const base = lines(40);
    const images: FileImage[] = [
      { path: 'src/app.ts', before: base, after: base.replace('line 5\n', 'line five\n').replace('line 30\n', 'line 30\nline 30b\n') },
      { path: 'no-final-newline.txt', before: 'a\nb\n', after: 'a\nb\nc' },
      { path: 'gains-final-newline.txt', before: 'a\nb', after: 'a\nb\n' },
      { path: 'new/file.md', before: null, after: '# New\n\nText\n' },
      { path: 'old.txt', before: 'bye\nnow\n', after: null },
      { path: 'dir with space/my file.txt', before: 'x\n', after: 'y\n' },
      { path: 'ünïcödé.txt', before: 'ä\n', after: 'ö\n' },
      { path: 'empty-new.txt', before: null, after: '' },
      { path: 'same.txt', before: 'same\n', after: 'same\n' },
      { path: 'crlf.txt', before: 'a\r\nb\r\n', after: 'a\r\nB\r\n' },
    ];
    const patch = diffFileImages(images);
    assert.ok(!patch.includes('same.txt'), 'unchanged files are left out');
    const after = await applyWithGit(images, patch);
    for (const img of images) assert.equal(after[img.path], img.after, img.path);
  });

  test('binary images are marked, not diffed', () => {
    const p = diffFileImage({ path: 'logo.png', before: new Uint8Array([0x89, 0x50, 0, 1]), after: new Uint8Array([0x89, 0x50, 0, 2]) });
    assert.equal(p, 'diff --git a/logo.png b/logo.png\nBinary files a/logo.png and b/logo.png differ\n');
  });

  test('property: the edit script rebuilds both sides', () => {
    const side = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', '}'), { maxLength: 60 });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const ops = diffLines(a, b);
        assert.deepEqual(ops.filter((o) => o.kind !== '+').map((o) => o.line), a);
        assert.deepEqual(ops.filter((o) => o.kind !== '-').map((o) => o.line), b);
        // Minimal enough: never more changes than replacing everything.
        assert.ok(ops.filter((o) => o.kind !== ' ').length <= a.length + b.length);
      }),
      { numRuns: 500 },
    );
  });

  test('property: random edits apply with git apply', async () => {
    const text = fc
      .tuple(fc.array(fc.constantFrom('alpha', 'beta', 'gamma', '', '  indented', 'x = 1;'), { maxLength: 30 }), fc.boolean())
      .map(([ls, nl]) => (ls.length === 0 ? '' : ls.join('\n') + (nl ? '\n' : '')));
    await fc.assert(
      fc.asyncProperty(text, text, async (before, after) => {
        const images: FileImage[] = [{ path: 'f.txt', before, after }];
        const patch = diffFileImages(images);
        if (patch === '') {
          assert.equal(before, after);
          return;
        }
        const got = await applyWithGit(images, patch);
        assert.equal(got['f.txt'], after);
      }),
      { numRuns: 15 },
    );
  });
});
