import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextBuilder, prefixLines, sliceRendered } from '../../src-main/display/text-builder.js';
import { covered } from './ranges.js';

test('prefixing lines splits ranges so no prefix is styled', () => {
  const doc = prefixLines({ text: 'ab\ncd\n\nef', ranges: [{ start: 1, length: 8, style: 'bold' }], attachments: [] }, '• ', '  ');
  assert.equal(doc.text, '• ab\n  cd\n\n  ef');
  assert.deepEqual(covered(doc), ['bold:b', 'bold:cd', 'bold:ef']);
  assert.deepEqual(covered(sliceRendered(doc, 5, 9)), ['bold:cd']);
});

test('a builder measures ranges on the text it styles and drops empty ones', () => {
  const b = new TextBuilder();
  b.append('🇩🇪 ');
  b.appendStyled('bold', 'bold');
  b.appendStyled('', 'italic');
  b.appendRendered({ text: ' x', ranges: [{ start: 1, length: 1, style: 'monospace' }] });
  const r = b.build();
  assert.equal(r.text, '🇩🇪 bold x');
  assert.deepEqual(covered(r), ['bold:bold', 'monospace:x']);
});
