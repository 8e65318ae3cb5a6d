// /think from the phone, through the whole product (real worker threads, the local Anthropic
// server streaming thinking blocks): a budget or "on" per project reaches the request's
// `thinking` parameter from the next instruction; thinking blocks go back to the API unchanged,
// signature included; the progress message shows one "💭 Thinking…" line and the thinking text
// never reaches the phone; a /compact summary leaves thinking out; "off" sends no thinking parameter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, thinking, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('/think BUDGET, on and off per project: the thinking parameter, blocks sent back signed, one progress line, no thinking text on the phone', async (t) => {
  const p = await startProduct(t);
  writeFileSync(join(p.folder('web'), 'a.txt'), 'hello\n');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/think');
  await p.phone.waitFor((m) => m.body.includes('💭 Thinking in web is off.'), 'off by default');
  await p.phone.say('/think banana');
  await p.phone.waitFor((m) => m.body.includes('Use /think on, /think off or /think N'), 'a clear usage answer');
  await p.phone.say('/think 4k');
  await p.phone.waitFor((m) => m.body.includes('Thinking in web is now on, up to 4000 tokens from the next instruction'), 'the budget is set');

  const first = thinking('The owner wants the file. I should read a.txt first.');
  p.claude.enqueue(reply([first, toolUse('Read', { file_path: 'a.txt' })]), reply([thinking('It says hello.'), text('a.txt says hello.')]));
  await p.phone.say('what does a.txt say?');
  await p.phone.waitFor((m) => m.body.includes('a.txt says hello.'), 'the answer');

  const [ask, again] = p.claude.messageRequests.map((r) => r.body);
  assert.deepEqual(ask!.thinking, { type: 'enabled', budget_tokens: 4000 });
  assert.equal(ask!.max_tokens, 16_384 + 4000, 'the answer keeps its room beside the thinking budget');
  const assistant = again!.messages.find((m) => m.role === 'assistant')!;
  assert.ok(Array.isArray(assistant.content));
  assert.deepEqual(assistant.content[0], first, 'the thinking block goes back unchanged, signature included, first in its message');

  const shown = p.phone.shown.map((m) => m.body);
  assert.ok(shown.some((b) => b.includes('💭 Thinking…')), 'the progress message says Claude is thinking');
  for (const body of shown) {
    assert.ok(body.split('💭 Thinking…').length <= 2, `one thinking line, not one per request: ${body}`);
    assert.doesNotMatch(body, /I should read a\.txt first|It says hello\./, 'the thinking text never reaches the phone');
  }

  // A summary made meanwhile (/compact) leaves the thinking out: its request has no thinking parameter.
  p.claude.enqueue(reply([text('SUMMARY: the owner asked what a.txt says: hello.')]));
  await p.phone.say('/compact');
  await p.phone.waitFor((m) => m.body.includes('🗜 Compacted'), 'the summary');
  const summary = p.claude.messageRequests.at(-1)!.body;
  assert.equal(summary.thinking, undefined);
  assert.match(JSON.stringify(summary.messages), /a\.txt says hello\./);
  assert.doesNotMatch(JSON.stringify(summary.messages), /"type":"thinking"/, 'no thinking blocks in the summary request');

  await p.phone.say('/think on');
  await p.phone.waitFor((m) => m.body.includes('Thinking in web is now on (Claude decides how much to think)'), 'adaptive on this model');
  p.claude.enqueue(reply([thinking('Adaptive thought.'), text('Adaptive.')]));
  await p.phone.say('and now?');
  await p.phone.waitFor((m) => m.body.includes('Adaptive.'), 'the adaptive answer');
  assert.deepEqual(p.claude.messageRequests.at(-1)!.body.thinking, { type: 'adaptive' });

  await p.phone.say('/think off');
  await p.phone.waitFor((m) => m.body.includes('Thinking in web is now off'), 'off again');
  p.claude.enqueue(reply([text('Plain.')]));
  await p.phone.say('and without?');
  await p.phone.waitFor((m) => m.body.includes('Plain.'), 'the plain answer');
  const plain = p.claude.messageRequests.at(-1)!.body;
  assert.equal(plain.thinking, undefined, 'no thinking parameter when off');
  assert.equal(plain.max_tokens, 16_384);
  assert.match(JSON.stringify(plain.messages), /"signature"/, 'earlier thinking blocks still go back unchanged');
});
