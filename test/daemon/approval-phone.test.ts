// An approval the owner can judge from the phone: a change too long for one message arrives as
// one notifying request with a summary, and the whole change as a `.patch` the phone downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUnifiedDiff } from '../../src-main/display/diff-parse.js';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('a long Edit is asked in one message with the whole change attached as a .patch', async (t) => {
  const p = await startProduct(t);
  const shop = p.folder('shop');
  const before = Array.from({ length: 120 }, (_, i) => `export const price${i} = ${i};`).join('\n') + '\n';
  writeFileSync(join(shop, 'prices.ts'), before);
  const old = before.split('\n').slice(10, 90).join('\n');
  p.claude.enqueue(
    // An existing file must be read before it is edited.
    reply([toolUse('Read', { file_path: 'prices.ts' })]),
    reply([text('Prices go up by ten percent.'), toolUse('Edit', { file_path: 'prices.ts', old_string: old, new_string: old.replace(/= (\d+);/g, '= $1 * 1.1;') })]),
    reply([text('Raised the prices.')]),
  );
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added shop'), 'the /add confirmation');
  await p.phone.say('raise the prices');

  const ask = await p.phone.waitFor((m) => m.kind === 'notify' && /reply yes [0-9a-f]{4}, always/.test(m.body), 'an approval request');
  assert.match(ask.body, /^🔐 shop wants to use Edit:\n💬 Prices go up by ten percent\.\n✏️ prices\.ts {2}\+80 −80\n📎 prices\.ts\.patch — the whole change, attached\nreply yes/);
  assert.deepEqual(ask.attachments.map((a) => a.fileName), ['prices.ts.patch']);
  const patch = (await ask.attachments[0]!.download()).toString('utf8');
  assert.deepEqual(parseUnifiedDiff(patch).map((f) => [f.newPath, f.added, f.removed]), [['prices.ts', 80, 80]]);
  assert.equal(p.phone.shown.filter((m) => m.kind === 'notify' && m.body.includes('wants to use Edit')).length, 1, 'one request');

  await p.phone.react(ask.timestamp, '👍');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Raised the prices.'), 'the final answer');
  assert.match(readFileSync(join(shop, 'prices.ts'), 'utf8'), /price10 = 10 \* 1\.1;/);
});
