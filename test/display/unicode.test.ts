import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GraphemeBoundaries, fitUtf8, utf8Length, wrapLine } from '../../src-main/display/unicode.js';

test('property: UTF-8 sizes match Node’s, lone surrogates included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'));
      const end = fitUtf8(s, 0, s.length, 10);
      assert.ok(Buffer.byteLength(s.slice(0, end)) <= 10);
      assert.ok(!/[\uD800-\uDBFF]$/.test(s.slice(0, end)) || !/^[\uDC00-\uDFFF]/.test(s.slice(end)));
    }),
    { numRuns: 500 },
  );
});

test('grapheme boundaries know emoji sequences', () => {
  const text = 'a👨‍👩‍👧b🇩🇪';
  const g = new GraphemeBoundaries(text);
  assert.equal(g.isBoundary(1), true);
  assert.equal(g.isBoundary(3), false);
  assert.equal(g.atOrBefore(5), 1);
  assert.equal(g.atOrAfter(5), 9);
});

test('wrapping prefers spaces and marks continuation lines', () => {
  assert.deepEqual(wrapLine('alpha beta gamma delta epsilon', 14), ['alpha beta', '↪ gamma delta', '↪ epsilon']);
  // No space in the second half of the row: a hard break, then spaces again.
  assert.deepEqual(wrapLine('const x = someFunction(argumentOne, argumentTwo);', 24), ['const x = someFunction(a', '↪ rgumentOne,', '↪ argumentTwo);']);
  assert.deepEqual(wrapLine('short', 60), ['short']);
});
