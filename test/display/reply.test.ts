import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReply } from '../../src-main/display/reply.js';
import { LONG_TEXT_CONTENT_TYPE } from '../../src-main/display/types.js';
import { covered, decode } from './ranges.js';

const now = (): Date => new Date(1_700_000_000_000);

test('a short answer is one message with its styles', () => {
  const msgs = renderReply('## Done\nFixed `parseArgs` in **src/cli.ts**. Tests pass.', { now });
  assert.equal(msgs.length, 1);
  assert.equal(msgs[0]?.body, 'Done\nFixed parseArgs in src/cli.ts. Tests pass.');
  assert.deepEqual(covered(msgs[0] ?? {}), ['bold:Done', 'monospace:parseArgs', 'bold:src/cli.ts']);
  assert.deepEqual(msgs[0]?.attachments, []);
});

test('a long code block travels as a file in the same single message', () => {
  const code = Array.from({ length: 80 }, (_, i) => `def f${i}(): return ${i}`).join('\n');
  const msgs = renderReply(`Here is the module:\n\n\`\`\`python\n${code}\n\`\`\`\n\nRun it with \`python mod.py\`.`, { now });
  assert.equal(msgs.length, 1);
  const [file] = msgs[0]?.attachments ?? [];
  assert.equal(file?.fileName, 'snippet-1.py');
  assert.equal(decode(file?.data ?? new Uint8Array()), `${code}\n`);
  assert.ok(msgs[0]?.body.includes('📎 snippet-1.py — Python · 80 lines'));
});

test('a very long answer is still one message: preview plus long text', () => {
  const md = Array.from({ length: 30 }, (_, i) => `### Step ${i}\n${'Some explanation of this step. '.repeat(12)}`).join('\n\n');
  const msgs = renderReply(md, { now });
  assert.equal(msgs.length, 1);
  const m = msgs[0];
  assert.equal(m?.attachments[0]?.contentType, LONG_TEXT_CONTENT_TYPE);
  const full = decode(m?.attachments[0]?.data ?? new Uint8Array());
  assert.ok(full.startsWith(m?.body ?? 'x'));
  assert.ok(Buffer.byteLength(m?.body ?? '') <= 2048);
  assert.deepEqual(
    (m?.bodyRanges ?? []).map((r) => full.slice(r.start, r.start + r.length)),
    Array.from({ length: 30 }, (_, i) => `Step ${i}`),
  );
  // Allowing more parts splits it into several messages instead.
  assert.ok(renderReply(md, { now, maxParts: 10 }).length > 1);
});

test('secrets are gone from the text and from code attachments', () => {
  const key = `sk-proj-${'A1b2C3d4'.repeat(6)}`;
  const code = [`OPENAI_API_KEY = "${key}"`, ...Array.from({ length: 60 }, (_, i) => `x${i} = ${i}`)].join('\n');
  const msgs = renderReply(`Your key is ${key}.\n\n\`\`\`python\n${code}\n\`\`\``, { now });
  const m = msgs[0];
  assert.ok(!m?.body.includes(key));
  assert.ok(m?.body.startsWith('Your key is [redacted key].'));
  assert.ok(!decode(m?.attachments[0]?.data ?? new Uint8Array()).includes(key));
});
