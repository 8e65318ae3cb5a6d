// A computer of the account is off (issue 16): what the owner sends it waits on the server and
// runs when it is back, each message once; meanwhile another computer tells the owner it is
// silent, once, and nobody does the work in its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { addOn, by, chatTiming, knowEachOther, settled, startComputers, type Computer } from '../helpers/computers.js';

test('a stopped computer: its messages wait for it, the owner is told it is silent, nobody answers in its place', async (t) => {
  const c = await startComputers(t, ['laptop', 'desktop'], { chatTiming });
  const [laptop, desktop] = c.computers as [Computer, Computer];
  await knowEachOther(c, {});
  await addOn(c, laptop, 'shop');
  await addOn(c, desktop, 'api', chatTiming.addGraceMs + 2000);
  await knowEachOther(c, { laptop: ['shop'], desktop: ['api'] });

  await desktop.stop();
  const from = c.phone.shown.length;
  await c.phone.say('@api add a health route');
  const told = await c.phone.waitFor((m) => c.phone.shown.indexOf(m) >= from && m.body.includes('has not answered'), 'the notice that the desktop is silent', chatTiming.answerGraceMs + 30_000);
  assert.ok(by('laptop')(told) && told.body.includes('desktop'), 'the laptop tells the owner the desktop is silent');
  await c.phone.say('@desktop are you there?');
  const quiet = await settled(c, from, 4000);
  assert.equal(quiet.length, 1, `one notice only, and nobody does the work in the desktop's place: ${JSON.stringify(quiet.map((m) => m.body))}`);
  assert.equal(c.claude.messageRequests.length, 0);

  // Back on: the server kept both messages for it; they run in order, each once.
  c.claude.enqueue(reply([text('Route added.')]), reply([text('Yes, here.')]));
  await desktop.start();
  await c.phone.waitFor((m) => m.body.includes('Yes, here.'), 'the answer to the second message');
  const after = await settled(c, from);
  assert.ok(after.some((m) => by('desktop')(m) && m.body.includes('Route added.')), 'the first message ran on the desktop');
  assert.equal(c.claude.messageRequests.length, 2, 'each waiting message ran once');
  assert.equal(after.filter((m) => by('laptop')(m)).length, 1, 'the laptop said nothing but the notice');
});
