// /effort from the phone, through the whole product (real worker threads, the local Anthropic
// server): a level per project reaches the request's `output_config.effort` from the next
// instruction on models that take it, never on one that does not (a 400 would fail every turn);
// /status shows it beside thinking; high is the default and clears the setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('/effort low reaches the request from the next instruction, shows in /status, and is left out on a model without effort', async (t) => {
  const p = await startProduct(t); // claude-sonnet-4-6: has an effort setting
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/effort');
  await p.phone.waitFor((m) => m.body.includes('⚙️ Effort in web is high (the default).'), 'the default');
  await p.phone.say('/effort extreme');
  await p.phone.waitFor((m) => m.body.includes('Use /effort low, /effort medium or /effort high'), 'a clear usage answer');
  await p.phone.say('/effort low');
  await p.phone.waitFor((m) => m.body.includes('Effort in web is now low from the next instruction'), 'set');
  await p.phone.say('/think on');
  await p.phone.waitFor((m) => m.body.includes('Thinking in web is now on'), 'thinking too');
  await p.phone.say('/status');
  await p.phone.waitFor((m) => m.body.includes('💭 Thinking on (Claude decides how much to think) · effort low'), '/status says both');

  p.claude.enqueue(reply([text('Quick answer.')]));
  await p.phone.say('hello');
  await p.phone.waitFor((m) => m.body.includes('Quick answer.'), 'the answer');
  assert.deepEqual(p.claude.messageRequests.at(-1)!.body.output_config, { effort: 'low' });

  await p.phone.say('/model claude-haiku-4-5');
  await p.phone.waitFor((m) => m.body.includes('claude-haiku-4-5') && m.body.includes('next instruction'), 'switched');
  await p.phone.say('/effort');
  await p.phone.waitFor((m) => m.body.includes('claude-haiku-4-5 has no effort setting'), 'said for a model without one');
  p.claude.enqueue(reply([text('From Haiku.')]));
  await p.phone.say('again');
  await p.phone.waitFor((m) => m.body.includes('From Haiku.'), 'the answer');
  assert.equal(p.claude.messageRequests.at(-1)!.body.output_config, undefined, 'never sent where the model has none');

  await p.phone.say('/effort high');
  await p.phone.waitFor((m) => m.body.includes('Effort in web is now high (the default)'), 'back to the default');
  await p.phone.say('/think off');
  await p.phone.waitFor((m) => m.body.includes('Thinking in web is now off'), 'thinking off');
  const statuses = () => p.phone.shown.filter((m) => m.body.includes('Last activity'));
  const before = statuses().length;
  await p.phone.say('/status');
  await p.phone.waitFor(() => statuses().length > before, 'the status');
  const status = statuses().at(-1)!;
  assert.match(status.body, /effort|Thinking|web — /, `the whole status: ${status.body}`);
  assert.doesNotMatch(status.body, /💭/, 'nothing to say when both are the defaults');
});
