// /model from the phone, through the whole product: the list of models with their prices and the
// project's marked; a switch that the next instruction uses with the conversation kept; an
// unknown name refused with the choices; `default` back to the app's model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('/model lists models with prices and marks the current one; /model NAME switches from the next instruction, conversation kept', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/model');
  const list = await p.phone.waitFor((m) => m.body.includes('Prices per million tokens'), 'the model list');
  const lines = list.body.split('\n');
  assert.equal(lines[0], "🧠 web uses claude-sonnet-4-6 (the app's default). Prices per million tokens:");
  assert.deepEqual(lines.filter((l) => l.startsWith('▶')), ['▶ claude-sonnet-4-6 — $3 in / $15 out'], 'the current model is marked');
  assert.ok(lines.includes('• claude-haiku-4-5 — $1 in / $5 out'));
  assert.ok(lines.includes('• claude-haiku-5-5 — $0.1 in / $0.5 out'));

  p.claude.enqueue(reply([text('First answer.')]), reply([text('Second answer, from haiku.')]));
  await p.phone.say('remember the word teal');
  await p.phone.waitFor((m) => m.body.includes('First answer.'), 'the first answer');
  assert.equal(p.claude.messageRequests.at(-1)!.body.model, 'claude-sonnet-4-6');

  await p.phone.say('/model gpt-4o');
  const refused = await p.phone.waitFor((m) => m.body.includes('Unknown model "gpt-4o"'), 'the refusal');
  assert.match(refused.body, /Pick one of claude-opus-5-5, .*claude-haiku-4-5/);

  await p.phone.say('/model Claude-Haiku-4-5');
  await p.phone.waitFor((m) => m.body.includes('web now uses claude-haiku-4-5 from the next instruction'), 'the switch');
  await p.phone.say('which word?');
  await p.phone.waitFor((m) => m.body.includes('Second answer, from haiku.'), 'the second answer');
  const second = p.claude.messageRequests.at(-1)!.body;
  assert.equal(second.model, 'claude-haiku-4-5', 'the next instruction runs on the new model');
  assert.match(JSON.stringify(second.messages[0]), /remember the word teal/, 'with the conversation so far');

  await p.phone.say('/model');
  await p.phone.waitFor((m) => m.body.startsWith('🧠 web uses claude-haiku-4-5. Prices'), 'the list with the new model');
  await p.phone.say('/model default');
  await p.phone.waitFor((m) => m.body.includes('web now uses claude-sonnet-4-6'), 'back to the default');
  await p.phone.say('/model default');
  await p.phone.waitFor((m) => m.body.includes('web already uses claude-sonnet-4-6'), 'nothing to change');
});
