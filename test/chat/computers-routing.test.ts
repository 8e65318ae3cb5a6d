// Where the owner's words go when several computers share one Signal account (issue 16): real
// daemons linked to one mock-server phone, projects registered from the phone with /add, and
// each message checked on who answered it (replies carry "💻 name · ") and what Claude was asked.
// Nobody answers in another computer's place and nothing is answered twice (same project names:
// computers-same-name.test.ts; a computer that is off: computers-stopped.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addOn, chatTiming, claudeSays, exchange, knowEachOther, lastAsked, onlyFrom, startComputers, type Computer } from '../helpers/computers.js';

test('three computers: @computer, computer/project, /use across computers, and an unknown name answered once', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop', 'server'], { chatTiming });
  const [laptop, desktop, server] = c.computers as [Computer, Computer, Computer];
  await knowEachOther(c, {});
  await addOn(c, laptop, 'shop');
  // The laptop (the speaker) cannot register api: it stays silent past its grace, since the desktop did.
  await addOn(c, desktop, 'api', chatTiming.addGraceMs + 2000);
  await addOn(c, server, 'docs');
  await knowEachOther(c, { laptop: ['shop'], desktop: ['api'], server: ['docs'] });

  claudeSays(c, 'The API answers.');
  const atComputer = await exchange(c, () => c.phone.say('@desktop what does this project do?'), (m) => m.body.includes('The API answers.'), "desktop's answer");
  onlyFrom(atComputer, 'desktop', '@desktop: only the desktop answers');
  assert.match(lastAsked(c), /what does this project do\?/);
  assert.equal(c.claude.messageRequests.length, 1);

  claudeSays(c, 'The shop answers.');
  const qualified = await exchange(c, () => c.phone.say('@laptop/shop list the products'), (m) => m.body.includes('The shop answers.'), "laptop's answer");
  onlyFrom(qualified, 'laptop', '@laptop/shop: only the laptop answers');
  assert.equal(c.claude.messageRequests.length, 2);

  const use = await exchange(c, () => c.phone.say('/use api'), (m) => m.body.includes('Now talking to api'), '/use api');
  onlyFrom(use, 'desktop', '/use api');
  assert.equal(use.length, 1, '/use api: one answer');
  claudeSays(c, 'API again.');
  const plain = await exchange(c, () => c.phone.say('add a health route'), (m) => m.body.includes('API again.'), 'the unaddressed answer');
  onlyFrom(plain, 'desktop', 'unaddressed: the computer holding the current project answers alone');
  assert.match(lastAsked(c), /add a health route/);

  await exchange(c, () => c.phone.say('/use docs'), (m) => m.body.includes('Now talking to docs'), '/use docs');
  claudeSays(c, 'Docs here.');
  const moved = await exchange(c, () => c.phone.say('fix the typo'), (m) => m.body.includes('Docs here.'), 'the answer from docs');
  onlyFrom(moved, 'server', 'after /use docs the server answers, the desktop is silent');

  const unknown = await exchange(c, () => c.phone.say('@garden water the plants'), (m) => m.body.includes('No project called'), 'the unknown-project answer');
  assert.equal(unknown.length, 1, 'an unknown name: one answer for the account');
  assert.equal(c.claude.messageRequests.length, 4, 'Claude was asked once per instruction');
});
