// /resume from the phone, through the whole product (real worker threads, the local Anthropic
// server): the owner's Claude Code sessions of the project are listed from ~/.claude/projects,
// one is chosen, and the next instruction goes on from its conversation (in words: what was
// asked and said, a tool call per line, no thinking); the old conversation is not sent any more.
// Refused while Claude works; a project without desk sessions gets a clear answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { reply, text, type RequestBody } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { waitUntil } from '../helpers/computers.js';
import { deskEntry, deskSessionLines, writeDeskSession } from '../helpers/desk-session.js';
import { tempHome } from '../helpers/temp.js';

const allText = (body: RequestBody): string => JSON.stringify(body.messages);

test('/resume lists the desk sessions of the project; /resume 1 goes on from that conversation instead of the current one', async (t) => {
  const home = tempHome(t); // where Claude Code keeps its sessions: ~/.claude/projects
  const p = await startProduct(t);
  const web = realpathSync(p.folder('web'));
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  await p.phone.say('/resume');
  await p.phone.waitFor((m) => m.body.includes('No Claude Code sessions of web were found') && m.body.includes('~/.claude/projects/'), 'none yet');

  writeDeskSession(home, web, 'aaaa1111-0000-4000-8000-000000000000', deskSessionLines(web), 90);
  writeDeskSession(home, web, 'bbbb2222-0000-4000-8000-000000000000', [deskEntry('user', 'rename the CSS classes', null)], 5);
  await p.phone.say('/resume');
  const list = await p.phone.waitFor((m) => m.body.includes('Claude Code sessions of web, newest first'), 'the list');
  assert.match(list.body, /1\. 5 min ago · 1 message · “rename the CSS classes” \(bbbb2222\)\n2\. 2 h ago · 6 messages · “Fix the login redirect” \(aaaa1111\)\n\nSend \/resume 1/);

  p.claude.enqueue(reply([text('Noted: teal.')]));
  await p.phone.say('remember the word teal');
  await p.phone.waitFor((m) => m.body.includes('Noted: teal.'), 'a conversation of its own first');

  await p.phone.say('/resume 7');
  await p.phone.waitFor((m) => m.body.includes('There is no Claude Code session “7” here'), 'a number not listed');
  await p.phone.say('/resume aaaa1111');
  const resumed = await p.phone.waitFor((m) => m.body.includes('now goes on from the Claude Code session'), 'resumed');
  assert.match(resumed.body, /“Fix the login redirect” \(6 messages\)/);
  // Nothing said yet in the resumed session, but Claude carries the desk conversation: /clear can forget it.
  await p.phone.say('/clear');
  const ask = await p.phone.waitFor((m) => m.body.includes('Clear the conversation in web?'), '/clear asking');
  assert.match(ask.body, /without the summary of the earlier conversation it carries/);
  await p.phone.say('/clear no');
  await p.phone.waitFor((m) => m.body.includes('Kept the conversation in web'), 'kept');

  p.claude.enqueue(reply([text('The test is in test/router.test.ts.')]));
  await p.phone.say('where did you put the test?');
  await p.phone.waitFor((m) => m.body.includes('The test is in test/router.test.ts.'), 'the answer');
  const sent = allText(p.claude.messageRequests.at(-1)!.body);
  assert.match(sent, /continues that work from their phone/);
  assert.match(sent, /Owner: the login page redirects to \/undefined, fix it/);
  assert.match(sent, /Claude used Read: [^"]*\/src\/router\.ts/);
  assert.match(sent, /Claude: Added test\/router\.test\.ts\./);
  assert.match(sent, /where did you put the test\?/);
  assert.doesNotMatch(sent, /secret reasoning/, 'thinking stays behind');
  assert.doesNotMatch(sent, /teal/, 'the conversation it replaced is not sent');
});

test('/resume while Claude works is refused, and the running instruction goes on', async (t) => {
  const home = tempHome(t);
  const p = await startProduct(t);
  const web = realpathSync(p.folder('web'));
  writeDeskSession(home, web, 'cccc3333-0000-4000-8000-000000000000', deskSessionLines(web));
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');
  p.claude.enqueue(reply([text('A long answer, slowly written.')], { delayMs: 300, chunkChars: 3 }));
  await p.phone.say('write slowly');
  await waitUntil(() => p.claude.messageRequests.length === 1, 'the turn is running');
  await p.phone.say('/resume 1');
  await p.phone.waitFor((m) => m.body.includes('Claude is working in web') && m.body.includes('/stop'), 'refused');
  await p.phone.waitFor((m) => m.body.includes('A long answer, slowly written.'), 'the running turn finishes');
});
