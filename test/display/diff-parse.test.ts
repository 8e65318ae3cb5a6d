import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderDiffForPhone } from '../../src-main/display/diff.js';
import { displayPath, joinPatches, parseUnifiedDiff, unquotePath } from '../../src-main/display/diff-parse.js';

const GIT_DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,4 +1,5 @@ export function main() {',
  ' a',
  '-b',
  '+B',
  '+C',
  ' c',
  '-- d', // a removed line that looks like a header
  '+d',
  'diff --git a/old name.txt b/new name.txt',
  'similarity index 90%',
  'rename from old name.txt',
  'rename to new name.txt',
  'diff --git a/added.md b/added.md',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/added.md',
  '@@ -0,0 +1,2 @@',
  '+# Hi',
  '+there',
  '\\ No newline at end of file',
  'diff --git a/gone.js b/gone.js',
  'deleted file mode 100644',
  'index 4444444..0000000',
  '--- a/gone.js',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-x',
  'diff --git a/logo.png b/logo.png',
  'index 5555555..6666666 100644',
  'Binary files a/logo.png and b/logo.png differ',
  'diff --git a/run.sh b/run.sh',
  'old mode 100644',
  'new mode 100755',
  'diff --git "a/na\\303\\257ve\\ttab.txt" "b/na\\303\\257ve\\ttab.txt"',
  'index 7777777..8888888 100644',
  '--- "a/na\\303\\257ve\\ttab.txt"',
  '+++ "b/na\\303\\257ve\\ttab.txt"',
  '@@ -1 +1 @@',
  '-1',
  '+2',
  '',
].join('\n');

test('git diffs are read file by file with status, counts and paths', () => {
  const files = parseUnifiedDiff(GIT_DIFF);
  assert.deepEqual(
    files.map((f) => [f.status, f.oldPath, f.newPath, f.added, f.removed, f.binary]),
    [
      ['modified', 'src/app.ts', 'src/app.ts', 3, 2, false],
      ['renamed', 'old name.txt', 'new name.txt', 0, 0, false],
      ['added', undefined, 'added.md', 2, 0, false],
      ['deleted', 'gone.js', undefined, 0, 1, false],
      ['modified', 'logo.png', 'logo.png', 0, 0, true],
      ['modified', 'run.sh', 'run.sh', 0, 0, false],
      ['modified', 'naïve\ttab.txt', 'naïve\ttab.txt', 1, 1, false],
    ],
  );
  const [app, , added, , , mode] = files;
  assert.equal(app?.hunks[0]?.section, 'export function main() {');
  assert.deepEqual(app?.hunks[0]?.lines.map((l) => l.kind + l.text), [' a', '-b', '+B', '+C', ' c', '-- d', '+d']);
  assert.equal(added?.hunks[0]?.lines.at(-1)?.kind, '\\');
  assert.deepEqual([mode?.oldMode, mode?.newMode], ['100644', '100755']);
  assert.equal(displayPath(files[3] ?? app!), 'gone.js');
  // Each file keeps its exact text: joined back, the patch is what came in.
  assert.equal(joinPatches(files), GIT_DIFF);
});

test('plain `diff -u` output is read too', () => {
  const files = parseUnifiedDiff('--- a.txt\t2024-01-01\n+++ b.txt\t2024-01-02\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n');
  assert.equal(files.length, 1);
  assert.deepEqual([files[0]?.oldPath, files[0]?.newPath, files[0]?.added, files[0]?.removed], ['a.txt', 'b.txt', 1, 1]);
});

test('quoted paths are unquoted', () => {
  assert.equal(unquotePath('"a/\\"q\\".txt"'), 'a/"q".txt');
  assert.equal(unquotePath('plain'), 'plain');
});

test('property: malformed diffs never hang or throw', () => {
  const line = fc.constantFrom('diff --git a/x b/x', 'diff --git "a/q" b/', '--- a/x', '+++ b/x', '--- /dev/null', '@@ -1,3 +1,2 @@', '@@ -0,0 +1 @@', '@@ bad @@', ' ctx', '+add', '-del', '\\ No newline at end of file', '', 'rename from x', 'new file mode 100644', 'Binary files a/x and b/x differ', 'garbage');
  fc.assert(
    fc.property(fc.array(line, { maxLength: 60 }), (ls) => {
      const text = ls.join('\n');
      parseUnifiedDiff(text);
      assert.ok(renderDiffForPhone(text).length >= 1);
    }),
    { numRuns: 1000 },
  );
});
