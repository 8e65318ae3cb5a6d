// /clear from the phone, through the whole product: it asks first, and only "/clear yes"
// clears Claude's memory of the conversation (the next request carries none of it) while the
// old transcript stays in the database; "/clear no" keeps it; a stray "yes" does nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

test('/clear asks, /clear yes starts over with the transcript kept on disk, /clear no keeps the conversation', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/clear');
  await p.phone.waitFor((m) => m.body.includes('web has no conversation to clear'), 'nothing to clear yet');

  p.claude.enqueue(reply([text('Noted: teal.')]), reply([text('Still here.')]), reply([text('Fresh start.')]));
  await p.phone.say('remember the word teal');
  await p.phone.waitFor((m) => m.body.includes('Noted: teal.'), 'the first answer');

  await p.phone.say('/clear yes');
  await p.phone.waitFor((m) => m.body.includes('Nothing to confirm: send /clear first.'), 'a yes without a question');

  await p.phone.say('/clear');
  await p.phone.waitFor((m) => m.body.includes('Clear the conversation in web? Claude starts over without the 2 messages so far'), 'the question');
  await p.phone.say('/clear no');
  await p.phone.waitFor((m) => m.body.includes('Kept the conversation in web.'), 'kept');
  await p.phone.say('still there?');
  await p.phone.waitFor((m) => m.body.includes('Still here.'), 'the answer with memory');
  assert.match(JSON.stringify(p.claude.messageRequests.at(-1)!.body.messages), /teal/, '"no" kept the conversation');
  const before = p.daemon.services.supervisor.existingSessionFor(p.daemon.services.projects.find('web')!.id)!.id;

  await p.phone.say('/clear');
  await p.phone.waitFor((m) => m.body.includes('without the 4 messages so far'), 'the second question');
  await p.phone.say('/clear yes');
  await p.phone.waitFor((m) => m.body.includes('Cleared the conversation in web: the next instruction starts fresh'), 'cleared');
  await p.phone.say('what word?');
  await p.phone.waitFor((m) => m.body.includes('Fresh start.'), 'the answer after clearing');
  const fresh = p.claude.messageRequests.at(-1)!.body.messages;
  assert.equal(fresh.length, 1, 'Claude got only the new instruction');
  assert.doesNotMatch(JSON.stringify(fresh), /teal/);

  const kept = p.daemon.store.db.prepare('SELECT COUNT(*) AS n FROM steps WHERE session_id = ?').get<{ n: number }>([before]);
  assert.ok((kept?.n ?? 0) >= 4, `the old transcript stays on disk (${kept?.n} steps)`);
});
