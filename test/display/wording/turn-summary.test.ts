import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalAnswerMarkdown } from '../../../src-main/display/wording/index.js';
import { renderReply } from '../../../src-main/display/reply.js';

const now = (): Date => new Date(0);

test('the final answer ends with the files the turn changed and a /diff hint', () => {
  const md = finalAnswerMarkdown('shop', 'Fixed the totals.', 4, 0.02, [
    { path: 'src/a.ts', counts: { added: 12, removed: 3 } },
    { path: 'src/b_c.ts', counts: { added: 2, removed: 0 } },
    { path: 'logo.png', counts: undefined },
  ]);
  const [m] = renderReply(md, { maxParts: 1, now });
  assert.equal(m?.body, 'shop · Fixed the totals.\n\n4 tool calls · $0.02\n\n📝 3 files: src/a.ts +12 −3, src/b_c.ts +2 −0, logo.png · /diff shows the changes');
  const styled = (m?.bodyRanges ?? []).map((r) => [r.style, m?.body.slice(r.start, r.start + r.length)]);
  assert.deepEqual(styled.filter(([s]) => s === 'monospace'), [
    ['monospace', 'src/a.ts'],
    ['monospace', 'src/b_c.ts'],
    ['monospace', 'logo.png'],
    ['monospace', '/diff'],
  ]);
});

test('one file reads in the singular; more than five are counted, not listed', () => {
  const one = finalAnswerMarkdown('shop', 'Done.', 1, null, [{ path: 'README.md', counts: { added: 2, removed: 0 } }]);
  assert.equal(renderReply(one, { maxParts: 1, now })[0]?.body, 'shop · Done.\n\n1 tool call\n\n📝 1 file: README.md +2 −0 · /diff shows the changes');
  const many = Array.from({ length: 7 }, (_, i) => ({ path: `f${i}.txt`, counts: { added: 1, removed: 0 } }));
  assert.equal(
    renderReply(finalAnswerMarkdown('shop', 'Done.', 7, null, many), { maxParts: 1, now })[0]?.body,
    'shop · Done.\n\n7 tool calls\n\n📝 7 files: f0.txt +1 −0, f1.txt +1 −0, f2.txt +1 −0, f3.txt +1 −0, f4.txt +1 −0, … and 2 more · /diff shows the changes',
  );
});

test('nothing is added when no file changed', () => {
  assert.equal(finalAnswerMarkdown('shop', 'Nothing to change.', 2, null, []), '**shop** · Nothing to change.\n\n_2 tool calls_');
});
