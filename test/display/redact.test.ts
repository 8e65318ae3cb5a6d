import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactPatch, redactRendered, redactText } from '../../src-main/display/redact.js';
import { renderMarkdown } from '../../src-main/display/markdown.js';
import { covered, rangesInBounds } from './ranges.js';

const KEY = `sk-ant-api03-${'Z9'.repeat(20)}`;

test('redacting rendered text moves every range with its text', () => {
  const r = renderMarkdown(`**Set API_KEY=${KEY}** then run \`npm start\` and *enjoy*`);
  const { value, count } = redactRendered(r);
  assert.equal(count, 1);
  assert.equal(value.text, 'Set API_KEY=[redacted key] then run npm start and enjoy');
  assert.deepEqual(covered(value), ['bold:Set API_KEY=[redacted key]', 'monospace:npm start', 'italic:enjoy']);
});

test('a range inside a secret shrinks to its replacement; anchors move along', () => {
  const text = `key ${KEY} end`;
  const start = text.indexOf(KEY) + 5;
  const { value } = redactRendered({
    text,
    ranges: [{ start, length: 10, style: 'bold' }, { start: text.indexOf('end'), length: 3, style: 'italic' }],
    attachments: [{ attachment: { fileName: 'a', contentType: 'text/plain', data: new Uint8Array() }, anchor: text.indexOf('end') }],
  });
  assert.equal(value.text, 'key [redacted key] end');
  assert.deepEqual(covered(value), ['bold:[redacted key]', 'italic:end']);
  assert.equal(value.attachments?.[0]?.anchor, value.text.indexOf('end'));
});

test('property: ranges stay in bounds whatever the secrets', () => {
  const piece = fc.constantFrom('plain ', KEY, ' password: "hunter22" ', '\n', 'ghp_' + 'a1'.repeat(18), '**b**', '`c`', 'é🇩🇪 ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const { value } = redactRendered(renderMarkdown(pieces.join('')));
      assert.ok(rangesInBounds(value));
      assert.ok(!value.text.includes(KEY));
    }),
    { numRuns: 200 },
  );
});

test('a patch keeps its line count when a multi-line key is redacted', () => {
  const patch = '@@ -0,0 +1,4 @@\n+-----BEGIN PRIVATE KEY-----\n+MIIEabc\n+MIIEdef\n+-----END PRIVATE KEY-----\n';
  const { value, count } = redactPatch(patch);
  assert.equal(count, 1);
  assert.equal(value, '@@ -0,0 +1,4 @@\n+[redacted private key]\n+[redacted]\n+[redacted]\n+[redacted]\n');
  assert.equal(redactText('nothing here').count, 0);
});
